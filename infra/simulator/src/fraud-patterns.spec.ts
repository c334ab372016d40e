import { describe, expect, it } from 'vitest';
import { CURRENCIES, type Currency, type FraudRuleName } from '@microbank/contracts';
import { canPlay, patternFor, type Step } from './fraud-patterns';
import { Prng } from './prng';
import { FRAUD_THRESHOLDS, HOME_COUNTRIES, MAX_TRANSACTION_MAJOR, currencyOf, minor } from './world';

const t = FRAUD_THRESHOLDS;
const play = (rule: FraudRuleName, country: string, seed = 1) => {
  const plan = patternFor(rule, { customer: 0, country, currency: currencyOf(country) }, new Prng(seed));
  return { ...plan, steps: plan.steps(0) };
};
const sum = (steps: readonly Step[]) => steps.reduce((total, s) => total + s.amountMinor, 0n);
const ofKind = (steps: readonly Step[], kind: Step['kind']) => steps.filter((s) => s.kind === kind);

// each pattern, in every home country's currency, goes just past its own rule's default threshold and no other's
describe.each(Object.keys(HOME_COUNTRIES))('the fraud patterns of a customer in %s', (country) => {
  const currency = currencyOf(country);
  const within = (steps: readonly Step[]) =>
    steps.every((s) => s.amountMinor > 0n && s.amountMinor <= minor(MAX_TRANSACTION_MAJOR, currency));

  it('velocity: one more authorization than the limit, none tiny, all at home', () => {
    const { steps } = play('velocity', country);
    expect(steps.length).toBeGreaterThan(t.velocityMax);
    expect(steps.at(t.velocityMax)!.atMs - steps[0]!.atMs).toBeLessThan(t.velocityMinutes * 60_000);
    for (const step of steps) {
      expect(step.kind === 'card-payment' && step.merchant.country === country && !step.capture).toBe(true);
      expect(step.amountMinor).toBeGreaterThan(minor(t.tiny[currency], currency));
    }
  });

  it('card testing: more tiny authorizations than it takes, fewer than velocity counts', () => {
    const { steps } = play('card-testing', country);
    expect(steps.length).toBeGreaterThanOrEqual(t.cardTestingCount);
    expect(steps.length).toBeLessThanOrEqual(t.velocityMax);
    expect(steps.every((s) => s.amountMinor <= minor(t.tiny[currency], currency))).toBe(true);
  });

  it('impossible travel: home, then a country thousands of km away seconds later', () => {
    const { steps } = play('impossible-travel', country);
    const countries = steps.map((s) => (s.kind === 'card-payment' ? s.merchant.country : null));
    expect(countries[0]).toBe(country);
    expect(countries[1]).not.toBe(country);
    expect(HOME_COUNTRIES[country]!.shopsIn).not.toContain(countries[1]);
  });

  it('large amount: a withdrawal at or above the threshold that leaves most of the money in', () => {
    const { steps } = play('large-amount', country);
    const [withdrawal] = ofKind(steps, 'withdrawal');
    expect(withdrawal!.amountMinor).toBeGreaterThanOrEqual(minor(t.largeAmount[currency], currency));
    expect(withdrawal!.amountMinor * 100n).toBeLessThan(sum(ofKind(steps, 'deposit')) * BigInt(t.drainPercent));
    expect(ofKind(steps, 'deposit').every((d) => d.amountMinor < minor(t.reporting[currency] * 0.9, currency))).toBe(
      true,
    );
    expect(within(steps)).toBe(true);
  });

  it('new-account drain: over the minimum paid in, 90% out, no debit a large amount', () => {
    const { steps, openingDepositMinor } = play('new-account-drain', country);
    const paidIn = sum(ofKind(steps, 'deposit'));
    expect(openingDepositMinor).toBeNull();
    expect(paidIn).toBeGreaterThanOrEqual(minor(t.drainMinimum[currency], currency));
    expect(sum(ofKind(steps, 'withdrawal')) * 100n).toBeGreaterThanOrEqual(paidIn * BigInt(t.drainPercent));
    expect(ofKind(steps, 'withdrawal').every((w) => w.amountMinor < minor(t.largeAmount[currency], currency))).toBe(
      true,
    );
  });
});

const structuringCountries = Object.keys(HOME_COUNTRIES).filter((c) => canPlay('structuring', currencyOf(c)));

describe.each(structuringCountries)('the structuring pattern of a customer in %s', (country) => {
  const currency = currencyOf(country);

  it('structuring: deposits each less than 10% under the reporting threshold', () => {
    const { steps } = play('structuring', country);
    const threshold = minor(t.reporting[currency], currency);
    expect(steps).toHaveLength(t.structuringCount);
    for (const step of steps) {
      expect(step.kind).toBe('deposit');
      expect(step.amountMinor).toBeLessThan(threshold);
      expect(step.amountMinor * 100n).toBeGreaterThanOrEqual(threshold * 90n);
    }
    expect(steps.every((s) => s.amountMinor <= minor(MAX_TRANSACTION_MAJOR, currency))).toBe(true);
  });
});

describe('canPlay', () => {
  it('keeps yen customers from structuring: the band is over the largest deposit the bank takes', () => {
    expect(canPlay('structuring', 'JPY')).toBe(false);
    const others = (Object.keys(CURRENCIES) as Currency[]).filter((c) => c !== 'JPY');
    expect(others.every((c) => canPlay('structuring', c))).toBe(true);
  });
});
