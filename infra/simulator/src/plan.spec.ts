import { describe, expect, it } from 'vitest';
import { FRAUD_RULES } from '@microbank/contracts';
import type { Step } from './fraud-patterns';
import { planSimulation, type PlanOptions } from './plan';
import { EVERYDAY_UNIT, FRAUD_THRESHOLDS, HOME_COUNTRIES, minor } from './world';

const options: PlanOptions = { seed: 42, customers: 24, rate: 5, fraudRate: 0.25, durationSeconds: 60 };

describe('planSimulation', () => {
  it('gives the same plan for the same seed and options', () => {
    expect(planSimulation(options)).toEqual(planSimulation({ ...options }));
  });

  it('gives another plan for another seed', () => {
    const [a, b] = [planSimulation(options), planSimulation({ ...options, seed: 43 })];
    expect(b.steps).not.toEqual(a.steps);
    expect(b.customers.map((c) => c.country)).not.toEqual(a.customers.map((c) => c.country));
  });

  it('makes the fraud rate of customers fraudsters, every rule once before any twice', () => {
    const plan = planSimulation(options);
    const patterns = plan.customers.flatMap((c) => (c.pattern ? [c.pattern] : []));
    expect(patterns.sort()).toEqual([...FRAUD_RULES].sort());
    const twice = planSimulation({ ...options, fraudRate: 0.5 }).customers.flatMap((c) =>
      c.pattern ? [c.pattern] : [],
    );
    expect(twice).toHaveLength(12);
    for (const rule of FRAUD_RULES) expect(twice.filter((p) => p === rule)).toHaveLength(2);
  });

  it('makes no fraudster at fraud rate 0, and only fraudsters at 1', () => {
    expect(planSimulation({ ...options, fraudRate: 0 }).customers.every((c) => c.pattern === null)).toBe(true);
    expect(planSimulation({ ...options, fraudRate: 1 }).customers.every((c) => c.pattern !== null)).toBe(true);
  });

  it('plans rate × duration honest requests, all within the duration, in time order', () => {
    const plan = planSimulation(options);
    expect(plan.steps.filter((s) => s.pattern === null)).toHaveLength(300);
    expect(plan.steps.every((s) => s.atMs >= 0 && s.atMs < 60_000)).toBe(true);
    expect(plan.steps.map((s) => s.atMs)).toEqual([...plan.steps.map((s) => s.atMs)].sort((a, b) => a - b));
  });

  it('spreads customers over several countries and currencies, and merchants over several countries and MCCs', () => {
    const plan = planSimulation(options);
    expect(new Set(plan.customers.map((c) => c.country)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(plan.customers.map((c) => c.currency)).size).toBeGreaterThanOrEqual(3);
    const payments = plan.steps.filter((s) => s.kind === 'card-payment');
    expect(new Set(payments.map((s) => s.merchant.country)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(payments.map((s) => s.merchant.categoryCode)).size).toBeGreaterThanOrEqual(5);
  });

  // honest traffic stays clear of every threshold, for many seeds: an alert it raises is a real false positive
  describe.each([1, 2, 3, 7, 42, 1234])('honest traffic of seed %i', (seed) => {
    const plan = planSimulation({ ...options, seed, durationSeconds: 900, rate: 5 });
    const honest = plan.customers.filter((c) => c.pattern === null);
    const byCustomer = new Map<number, Step[]>();
    for (const step of plan.steps) byCustomer.set(step.customer, [...(byCustomer.get(step.customer) ?? []), step]);
    const stepsOf = (index: number) => byCustomer.get(index) ?? [];

    it('spends at most half of what the customer paid in, and never near the drain share', () => {
      for (const who of honest) {
        let paidIn = who.openingDepositMinor!;
        let spent = 0n;
        for (const step of stepsOf(who.index)) {
          if (step.kind === 'deposit') paidIn += step.amountMinor;
          else spent += step.amountMinor;
          expect(spent * 2n).toBeLessThanOrEqual(paidIn);
        }
      }
    });

    it('debits 20 to 60 units, so no debit is five times another (large amount)', () => {
      for (const step of plan.steps.filter((s) => s.pattern === null && s.kind !== 'deposit')) {
        const { currency } = plan.customers[step.customer]!;
        const unit = EVERYDAY_UNIT[currency];
        expect(step.amountMinor).toBeGreaterThanOrEqual(minor(20 * unit, currency));
        expect(step.amountMinor).toBeLessThanOrEqual(minor(60 * unit, currency));
        expect(step.amountMinor).toBeGreaterThan(minor(FRAUD_THRESHOLDS.tiny[currency], currency));
      }
    });

    it('deposits nowhere near the structuring band', () => {
      for (const who of honest) {
        const deposits = [
          who.openingDepositMinor!,
          ...stepsOf(who.index)
            .filter((s) => s.kind === 'deposit')
            .map((s) => s.amountMinor),
        ];
        const band = minor(FRAUD_THRESHOLDS.reporting[who.currency] * 0.9, who.currency);
        expect(deposits.every((amount) => amount < band)).toBe(true);
      }
    });

    it('pays by card at most 6 times in any 10 minutes, at home or across a near border', () => {
      for (const who of honest) {
        const payments = stepsOf(who.index).filter(
          (s): s is Extract<Step, { kind: 'card-payment' }> => s.kind === 'card-payment',
        );
        for (const payment of payments) {
          expect(HOME_COUNTRIES[who.country]!.shopsIn).toContain(payment.merchant.country);
          expect(
            payments.filter((p) => p.atMs <= payment.atMs && payment.atMs - p.atMs < 600_000).length,
          ).toBeLessThanOrEqual(6);
        }
      }
    });

    it('transfers only to another honest customer in the same currency', () => {
      for (const step of plan.steps.filter((s) => s.kind === 'transfer')) {
        const [from, to] = [plan.customers[step.customer]!, plan.customers[step.to]!];
        expect(to.pattern).toBeNull();
        expect(to.currency).toBe(from.currency);
        expect(to.index).not.toBe(from.index);
      }
    });
  });
});
