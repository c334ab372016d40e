import { SERVED_COUNTRIES, isServedCountry, type Currency } from '@microbank/contracts';

/** The currency of a new customer's current account: their country's, or EUR where we hold no other. */
export function currencyForCountry(country: string): Currency {
  // EUR too for a country we no longer serve: a signup event may predate the list
  return isServedCountry(country) ? SERVED_COUNTRIES[country] : 'EUR';
}
