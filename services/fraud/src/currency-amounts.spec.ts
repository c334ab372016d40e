import { describe, expect, it } from 'vitest';
import { currencyAmounts } from './currency-amounts';

// the large-amount defaults, in major units
const defaults = {
  EUR: 5_000,
  USD: 5_000,
  GBP: 5_000,
  CHF: 5_000,
  SEK: 50_000,
  NOK: 50_000,
  DKK: 40_000,
  PLN: 20_000,
  JPY: 800_000,
};
const schema = currencyAmounts(defaults);

// the issues' messages when parsing fails, or null when it succeeds
const rejection = (text: string) => {
  const result = schema.safeParse(text);
  return result.success ? null : result.error.issues.map((issue) => issue.message);
};

describe('currencyAmounts', () => {
  it('converts the defaults to minor units when the variable is unset', () => {
    expect(schema.parse(undefined)).toEqual({
      EUR: 500_000n,
      USD: 500_000n,
      GBP: 500_000n,
      CHF: 500_000n,
      SEK: 5_000_000n,
      NOK: 5_000_000n,
      DKK: 4_000_000n,
      PLN: 2_000_000n,
      JPY: 800_000n,
    });
  });

  it('keeps the defaults for an empty or blank value', () => {
    expect(schema.parse('')).toEqual(schema.parse(undefined));
    expect(schema.parse(' , ')).toEqual(schema.parse(undefined));
  });

  it('overrides only the currencies listed, in major units', () => {
    const amounts = schema.parse('EUR:1,JPY:5');
    expect(amounts.EUR).toBe(100n);
    expect(amounts.JPY).toBe(5n);
    expect(amounts.USD).toBe(500_000n);
    expect(amounts.SEK).toBe(5_000_000n);
  });

  it('tolerates spaces around entries and a trailing comma', () => {
    const amounts = schema.parse(' EUR : 12 , GBP:0 ,');
    expect(amounts.EUR).toBe(1_200n);
    expect(amounts.GBP).toBe(0n);
  });

  it('lets a later entry for the same currency win', () => {
    expect(schema.parse('EUR:1,EUR:2').EUR).toBe(200n);
  });

  it('accepts up to 12 digits, and converts them exactly', () => {
    expect(schema.parse('EUR:999999999999').EUR).toBe(99_999_999_999_900n);
  });

  it('rejects an entry that is not CURRENCY:whole-major-units, naming it', () => {
    expect(rejection('EUR:1,XYZ:5')).toEqual(['"XYZ:5" is not CURRENCY:whole-major-units']);
    expect(rejection('eur:5')).toEqual(['"eur:5" is not CURRENCY:whole-major-units']);
    expect(rejection('EUR:12.50')).toEqual(['"EUR:12.50" is not CURRENCY:whole-major-units']);
    expect(rejection('EUR:-5')).toEqual(['"EUR:-5" is not CURRENCY:whole-major-units']);
    expect(rejection('EUR')).toEqual(['"EUR" is not CURRENCY:whole-major-units']);
    expect(rejection('EUR=5')).toEqual(['"EUR=5" is not CURRENCY:whole-major-units']);
    expect(rejection('EUR:1000000000000')).toEqual(['"EUR:1000000000000" is not CURRENCY:whole-major-units']);
  });

  it('rejects a currency the bank does not hold', () => {
    expect(schema.safeParse('BTC:1').success).toBe(false);
  });

  it('rejects something that is not a string', () => {
    expect(schema.safeParse(5_000).success).toBe(false);
  });
});
