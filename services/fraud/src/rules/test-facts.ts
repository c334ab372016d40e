import type { CurrencyAmounts } from '../currency-amounts';
import { HOUR_MS, MINUTE_MS, type CardAttemptFact, type PostingFact, type PostingHistory } from './fraud-rule';

// Factories for the rule specs only: each fact gets defaults a test does not care about, and a fresh event id.

export const T0 = new Date('2026-03-02T09:00:00.000Z');

export const minutesAfter = (minutes: number, from: Date = T0): Date => new Date(from.getTime() + minutes * MINUTE_MS);
export const hoursAfter = (hours: number, from: Date = T0): Date => new Date(from.getTime() + hours * HOUR_MS);

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

export const posting = (overrides: Partial<PostingFact> = {}): PostingFact => ({
  eventId: nextId('posting'),
  accountId: 'account-1',
  userId: 'user-1',
  kind: 'card_payment',
  direction: 'debit',
  amountMinor: 1_000n,
  currency: 'EUR',
  at: T0,
  ...overrides,
});

export const postingHistory = (overrides: Partial<PostingHistory> = {}): PostingHistory => ({
  account: { openedAt: hoursAfter(-24 * 365), currency: 'EUR' },
  recent: [],
  earlierDebits: [],
  ...overrides,
});

export const attempt = (overrides: Partial<CardAttemptFact> = {}): CardAttemptFact => ({
  eventId: nextId('attempt'),
  authorizationId: nextId('authorization'),
  cardId: 'card-1',
  accountId: 'account-1',
  amountMinor: 2_500n,
  currency: 'EUR',
  country: 'FR',
  at: T0,
  declined: false,
  declineReason: null,
  ...overrides,
});

// the same minor-unit amount in every two-decimal currency, and its own for the yen (no minor unit)
export const perCurrency = (twoDecimals: bigint, yen: bigint): CurrencyAmounts => ({
  EUR: twoDecimals,
  USD: twoDecimals,
  GBP: twoDecimals,
  CHF: twoDecimals,
  SEK: twoDecimals,
  NOK: twoDecimals,
  DKK: twoDecimals,
  PLN: twoDecimals,
  JPY: yen,
});
