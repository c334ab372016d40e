import { CURRENCIES, SERVED_COUNTRIES, type Currency } from '@microbank/contracts';

export interface Merchant {
  readonly name: string;
  readonly categoryCode: string;
  readonly country: string;
}

/**
 * Where customers live (weights: how many of them), and the countries they shop in. Every pair within one list is
 * under 450 km apart by the country centres the fraud service uses, below its 500 km impossible-travel minimum, so
 * honest shopping across a border is never a journey.
 */
export const HOME_COUNTRIES: Readonly<Record<string, { weight: number; shopsIn: readonly string[] }>> = {
  GB: { weight: 3, shopsIn: ['GB', 'IE'] },
  DE: { weight: 3, shopsIn: ['DE', 'NL', 'LU'] },
  FR: { weight: 2, shopsIn: ['FR', 'LU'] },
  NL: { weight: 2, shopsIn: ['NL', 'BE', 'LU'] },
  AT: { weight: 1, shopsIn: ['AT', 'SI', 'CZ'] },
  ES: { weight: 1, shopsIn: ['ES', 'PT'] },
  PL: { weight: 1, shopsIn: ['PL', 'CZ', 'SK'] },
  SE: { weight: 1, shopsIn: ['SE', 'NO'] },
  CH: { weight: 1, shopsIn: ['CH', 'LI'] },
  JP: { weight: 1, shopsIn: ['JP'] },
  US: { weight: 1, shopsIn: ['US'] },
};

/** Far from every home country (over 5,000 km): a card used there seconds after home is impossible travel. */
export const FAR_COUNTRIES: readonly string[] = ['BR', 'AU', 'JP', 'US'];

/** Merchants honest customers pay at: [name, ISO 18245 category code]. */
export const SHOPS: readonly (readonly [string, string])[] = [
  ['Fresh Market', '5411'],
  ['Corner Books', '5942'],
  ['Station Fuel', '5541'],
  ['City Transit', '4111'],
  ['Trattoria Roma', '5812'],
  ['Green Pharmacy', '5912'],
  ['Volt Electronics', '5732'],
  ['Harbour Hotel', '7011'],
  ['Quick Taxi', '4121'],
];

/** Where card testers probe a stolen card: digital goods, no parcel to send. */
export const PROBE_SHOP: readonly [string, string] = ['Pixel Game Credits', '5816'];

export function currencyOf(country: string): Currency {
  return (SERVED_COUNTRIES as Readonly<Record<string, Currency>>)[country] ?? 'EUR';
}

/** `major` whole units of `currency` in minor units. */
export function minor(major: number, currency: Currency): bigint {
  return BigInt(Math.round(major * 10 ** CURRENCIES[currency]));
}

/**
 * What "one unit" of everyday money is per currency, in major units: honest amounts are drawn in these units so a
 * Swede and a German spend alike. The yen's unit is small because card limits are set in whole yen.
 */
export const EVERYDAY_UNIT: Readonly<Record<Currency, number>> = {
  EUR: 1,
  USD: 1,
  GBP: 1,
  CHF: 1,
  SEK: 10,
  NOK: 10,
  DKK: 8,
  PLN: 4,
  JPY: 20,
};

/**
 * The fraud service's default thresholds, in major units (services/fraud/src/config.ts): the fraud patterns are
 * drawn just past them, honest traffic far from them. A fraud service run with other FRAUD_* values scores
 * differently.
 */
export const FRAUD_THRESHOLDS = {
  largeAmount: {
    EUR: 5_000,
    USD: 5_000,
    GBP: 5_000,
    CHF: 5_000,
    SEK: 50_000,
    NOK: 50_000,
    DKK: 40_000,
    PLN: 20_000,
    JPY: 800_000,
  },
  reporting: {
    EUR: 10_000,
    USD: 10_000,
    GBP: 10_000,
    CHF: 10_000,
    SEK: 100_000,
    NOK: 100_000,
    DKK: 75_000,
    PLN: 40_000,
    JPY: 1_500_000,
  },
  tiny: { EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 20, NOK: 20, DKK: 15, PLN: 8, JPY: 300 },
  drainMinimum: { EUR: 500, USD: 500, GBP: 500, CHF: 500, SEK: 5_000, NOK: 5_000, DKK: 4_000, PLN: 2_000, JPY: 80_000 },
  /** more than this many authorizations on one card within velocityMinutes */
  velocityMax: 10,
  velocityMinutes: 10,
  cardTestingCount: 4,
  structuringCount: 3,
  /** debits reaching this share of what was paid in, within 48 hours of opening */
  drainPercent: 80,
} as const;

/** The card limits the simulator sets on every card: the card service's bank maximum (CARD_MAX_PER_*). */
export const CARD_LIMITS_MAJOR = { perAuthorization: 10_000, perDay: 20_000 } as const;

/** The account service's largest single deposit, withdrawal or transfer, in major units. */
export const MAX_TRANSACTION_MAJOR = 1_000_000;
