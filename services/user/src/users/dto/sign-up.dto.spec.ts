import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '@microbank/http';
import { signUpSchema } from './sign-up.dto';

const signUp = (country: unknown) => ({
  email: 'ada@example.com',
  password: 'a long enough password',
  fullName: 'Ada Lovelace',
  country,
});
const countryErrors = (country: unknown) => {
  const result = signUpSchema.safeParse(signUp(country));
  return result.success ? [] : toFieldErrors(result.error.issues).filter((error) => error.field === 'country');
};

describe('the country of a signup', () => {
  it.each(['GB', 'DE', 'JP', 'LI'])('accepts %s, a country the bank serves', (country) => {
    expect(signUpSchema.safeParse(signUp(country)).success).toBe(true);
  });

  it.each(['XX', 'BR', 'ZZ'])('refuses %s, which the bank does not serve, naming the rule', (country) => {
    expect(countryErrors(country)).toEqual([
      { field: 'country', rule: 'served_country', message: 'a country Microbank serves' },
    ]);
  });

  it.each(['gb', 'GBR', 'G', ''])('refuses %j, which is not an alpha-2 code, as a format error only', (country) => {
    expect(countryErrors(country)).toEqual([
      { field: 'country', rule: 'invalid_format', message: 'an ISO 3166-1 alpha-2 country code, e.g. GB' },
    ]);
  });
});
