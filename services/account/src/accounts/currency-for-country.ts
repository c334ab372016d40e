import type { Currency } from '@microbank/contracts';

const NATIONAL_CURRENCIES: Readonly<Record<string, Currency>> = {
  GB: 'GBP',
  US: 'USD',
  CH: 'CHF',
  LI: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  JP: 'JPY',
};

/** The currency of a new customer's current account: their country's, or EUR where we hold no other. */
export function currencyForCountry(country: string): Currency {
  return NATIONAL_CURRENCIES[country] ?? 'EUR';
}
