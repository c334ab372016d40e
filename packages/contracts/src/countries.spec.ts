import { describe, expect, it } from 'vitest';
import { SERVED_COUNTRIES, isServedCountry, servedCountrySchema } from './countries';
import { CURRENCIES } from './money';

describe('the countries Microbank serves', () => {
  it('are ISO 3166-1 alpha-2 codes, each with a currency accounts can hold', () => {
    for (const [country, currency] of Object.entries(SERVED_COUNTRIES)) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      expect(Object.keys(CURRENCIES)).toContain(currency);
    }
  });

  it('include the euro area and the countries whose currency we hold', () => {
    expect(SERVED_COUNTRIES).toMatchObject({ DE: 'EUR', FR: 'EUR', GB: 'GBP', JP: 'JPY', LI: 'CHF' });
  });

  it('leave out countries we do not serve, and lower-case or three-letter codes', () => {
    for (const country of ['BR', 'XX', 'gb', 'GBR', 'toString']) {
      expect(isServedCountry(country)).toBe(false);
      expect(servedCountrySchema.safeParse(country).success).toBe(false);
    }
  });
});
