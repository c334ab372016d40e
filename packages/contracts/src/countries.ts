import { z } from 'zod';
import type { Currency } from './money';

/**
 * The countries Microbank serves (ISO 3166-1 alpha-2), with the currency a customer's current account there opens in:
 * the national currency where we hold it, else the euro area.
 */
export const SERVED_COUNTRIES = {
  GB: 'GBP',
  US: 'USD',
  CH: 'CHF',
  LI: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  JP: 'JPY',
  AT: 'EUR',
  BE: 'EUR',
  BG: 'EUR',
  CY: 'EUR',
  DE: 'EUR',
  EE: 'EUR',
  ES: 'EUR',
  FI: 'EUR',
  FR: 'EUR',
  GR: 'EUR',
  HR: 'EUR',
  IE: 'EUR',
  IT: 'EUR',
  LT: 'EUR',
  LU: 'EUR',
  LV: 'EUR',
  MT: 'EUR',
  NL: 'EUR',
  PT: 'EUR',
  SI: 'EUR',
  SK: 'EUR',
} as const satisfies Record<string, Currency>;
export type ServedCountry = keyof typeof SERVED_COUNTRIES;

export const isServedCountry = (country: string): country is ServedCountry => Object.hasOwn(SERVED_COUNTRIES, country);

export const servedCountrySchema = z.enum(Object.keys(SERVED_COUNTRIES) as [ServedCountry, ...ServedCountry[]]);
