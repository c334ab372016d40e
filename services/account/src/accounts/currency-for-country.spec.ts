import { describe, expect, it } from 'vitest';
import { currencyForCountry } from './currency-for-country';

describe('the currency of a current account', () => {
  it.each([
    ['GB', 'GBP'],
    ['US', 'USD'],
    ['CH', 'CHF'],
    ['SE', 'SEK'],
    ['NO', 'NOK'],
    ['DK', 'DKK'],
    ['PL', 'PLN'],
    ['JP', 'JPY'],
  ])('is the national currency for %s (%s)', (country, currency) => {
    expect(currencyForCountry(country)).toBe(currency);
  });

  it('is EUR for every other country', () => {
    expect(currencyForCountry('DE')).toBe('EUR');
    expect(currencyForCountry('FR')).toBe('EUR');
    expect(currencyForCountry('BR')).toBe('EUR');
  });
});
