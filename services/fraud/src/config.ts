import { port } from '@microbank/config';
import { loadServiceConfig, serviceEnvSchema } from '@microbank/service-kit';
import { z } from 'zod';
import { currencyAmounts } from './currency-amounts';

const count = z.coerce.number().int().positive();
const minutes = z.coerce.number().int().positive();
const percent = z.coerce.number().int().min(1).max(100);

// major units per currency: roughly the same value everywhere (the yen has no minor unit)
const LARGE_AMOUNT = {
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
const REPORTING_THRESHOLD = {
  EUR: 10_000,
  USD: 10_000,
  GBP: 10_000,
  CHF: 10_000,
  SEK: 100_000,
  NOK: 100_000,
  DKK: 75_000,
  PLN: 40_000,
  JPY: 1_500_000,
};
const TINY_AMOUNT = { EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 20, NOK: 20, DKK: 15, PLN: 8, JPY: 300 };
const DRAIN_MINIMUM = {
  EUR: 500,
  USD: 500,
  GBP: 500,
  CHF: 500,
  SEK: 5_000,
  NOK: 5_000,
  DKK: 4_000,
  PLN: 2_000,
  JPY: 80_000,
};

export const fraudEnvSchema = serviceEnvSchema.extend({
  PORT: port(3004),
  /** large-amount: a debit at or above this (per currency) is high severity and freezes the account. */
  FRAUD_LARGE_AMOUNT: currencyAmounts(LARGE_AMOUNT),
  /** large-amount: a debit above the mean + this many standard deviations of the customer's last debits… */
  FRAUD_HISTORY_SIGMAS: z.coerce.number().positive().default(3),
  /** …and at least this many times their mean, counted over this many of their last debits (no fewer than 5). */
  FRAUD_HISTORY_MIN_RATIO: z.coerce.number().min(1).default(5),
  FRAUD_HISTORY_SIZE: z.coerce.number().int().min(5).max(100).default(20),
  /** velocity: more than this many authorizations on one card within FRAUD_VELOCITY_MINUTES. */
  // the rules look back over a card's last 50 attempts: a threshold beyond that could never be reached
  FRAUD_VELOCITY_MAX: count.max(40).default(10),
  FRAUD_VELOCITY_MINUTES: minutes.default(10),
  /** card-testing: this many tiny authorizations, or declines, on one card within FRAUD_CARD_TESTING_MINUTES. */
  FRAUD_CARD_TESTING_COUNT: z.coerce.number().int().min(2).max(40).default(4),
  FRAUD_CARD_TESTING_MINUTES: minutes.default(10),
  FRAUD_TINY_AMOUNT: currencyAmounts(TINY_AMOUNT),
  /** impossible-travel: card payments further apart than this, faster than FRAUD_TRAVEL_MAX_KMH allows. */
  FRAUD_TRAVEL_MIN_KM: z.coerce.number().int().min(0).default(500),
  FRAUD_TRAVEL_MAX_KMH: count.default(1_000),
  /** new-account-drain: within this many hours of opening, debits reach this share of the money paid in… */
  FRAUD_DRAIN_HOURS: count.default(48),
  FRAUD_DRAIN_PERCENT: percent.default(80),
  /** …and the money paid in was at least this much (a new account moving pocket money is not a drain). */
  FRAUD_DRAIN_MINIMUM: currencyAmounts(DRAIN_MINIMUM),
  /** structuring: this many deposits within FRAUD_STRUCTURING_HOURS, each less than FRAUD_STRUCTURING_MARGIN_PERCENT below the threshold. */
  FRAUD_REPORTING_THRESHOLD: currencyAmounts(REPORTING_THRESHOLD),
  FRAUD_STRUCTURING_COUNT: z.coerce.number().int().min(2).default(3),
  FRAUD_STRUCTURING_HOURS: count.default(24),
  FRAUD_STRUCTURING_MARGIN_PERCENT: percent.default(10),
  /** How many alert streams (SSE) may be open at once, in all and per user. */
  FRAUD_MAX_STREAMS: count.default(100),
  FRAUD_MAX_STREAMS_PER_USER: count.default(5),
  /** A comment line on every open stream this often, so proxies and clients see it is alive. */
  FRAUD_STREAM_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
});

export type FraudConfig = z.infer<typeof fraudEnvSchema>;

/** The service's configuration, read once at start; throws a ConfigError naming every bad variable. */
export function loadFraudConfig(env: NodeJS.ProcessEnv = process.env): FraudConfig {
  return loadServiceConfig(fraudEnvSchema, env);
}
