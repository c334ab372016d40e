import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './fraud-rule';
import { LargeAmountRule, type LargeAmountThresholds } from './large-amount.rule';
import { minutesAfter, perCurrency, posting, postingHistory } from './test-facts';

// 5,000.00 in the two-decimal currencies, ¥800,000: the service's defaults
const thresholds: LargeAmountThresholds = {
  absolute: perCurrency(500_000n, 800_000n),
  sigmas: 3,
  minRatio: 5,
  historySize: 20,
};
const rule = new LargeAmountRule(thresholds);

// the customer's earlier debits, newest first, as the history hands them over
const debits = (amounts: readonly bigint[], currency: 'EUR' | 'JPY' = 'EUR') =>
  amounts.map((amountMinor, i) => posting({ amountMinor, currency, at: minutesAfter(-60 * (i + 1)) }));

describe('LargeAmountRule', () => {
  describe('absolute threshold', () => {
    it('raises a high alert that freezes the account for a debit exactly at the threshold', () => {
      const debit = posting({ amountMinor: 500_000n, accountId: 'account-7' });

      expect(rule.evaluate(debit, postingHistory())).toEqual({
        rule: 'large-amount',
        severity: 'high',
        score: 50,
        description: 'A debit of 5,000.00 EUR is at or above the 5,000.00 EUR single-transaction threshold',
        subject: { kind: 'account', id: 'account-7' },
        windowMs: 24 * HOUR_MS,
        evidence: [debit.eventId],
        amount: { amountMinor: '500000', currency: 'EUR' },
        freezeCard: false,
        freezeAccount: true,
      });
    });

    it('raises nothing for a debit one cent below the threshold', () => {
      expect(rule.evaluate(posting({ amountMinor: 499_999n }), postingHistory())).toBeNull();
    });

    it('applies the yen threshold in whole yen, since the yen has no minor unit', () => {
      const atThreshold = rule.evaluate(posting({ amountMinor: 800_000n, currency: 'JPY' }), postingHistory());
      expect(atThreshold?.severity).toBe('high');
      expect(atThreshold?.description).toBe(
        'A debit of 800,000 JPY is at or above the 800,000 JPY single-transaction threshold',
      );
      expect(atThreshold?.amount).toEqual({ amountMinor: '800000', currency: 'JPY' });

      expect(rule.evaluate(posting({ amountMinor: 799_999n, currency: 'JPY' }), postingHistory())).toBeNull();
    });

    it('judges each currency by its own threshold', () => {
      // ¥500,000 is the euro threshold in minor units, but well under the yen one
      expect(rule.evaluate(posting({ amountMinor: 500_000n, currency: 'JPY' }), postingHistory())).toBeNull();
    });

    it('scores higher the further the debit is above the threshold, never past 100', () => {
      const score = (amountMinor: bigint) => rule.evaluate(posting({ amountMinor }), postingHistory())?.score;
      expect(score(1_000_000n)).toBe(75);
      expect(score(10_000_000_000n)).toBe(100);
    });

    it('takes precedence over the customer history, even when the history would also match', () => {
      const alert = rule.evaluate(
        posting({ amountMinor: 600_000n }),
        postingHistory({ earlierDebits: debits([1_000n, 1_000n, 1_000n, 1_000n, 1_000n]) }),
      );
      expect(alert?.severity).toBe('high');
      expect(alert?.freezeAccount).toBe(true);
    });
  });

  it('never matches a credit, however large', () => {
    const history = postingHistory({ earlierDebits: debits([1_000n, 1_000n, 1_000n, 1_000n, 1_000n]) });
    expect(rule.evaluate(posting({ direction: 'credit', amountMinor: 100_000_000n }), history)).toBeNull();
    expect(rule.evaluate(posting({ direction: 'credit', kind: 'deposit', amountMinor: 500_000n }), history)).toBeNull();
  });

  describe('against the customer history', () => {
    // mean 10.00 EUR, σ ≈ 1.26 EUR: mean + 3σ ≈ 13.79 EUR, 5 × mean = 50.00 EUR, so the bound is 50.00 EUR
    const usual = [1_000n, 1_200n, 800n, 1_000n, 1_000n];

    it('raises a medium alert, without freezing, for a debit far above mean + 3σ and five times the mean', () => {
      const earlierDebits = debits(usual);
      const debit = posting({ amountMinor: 5_001n, accountId: 'account-7' });

      expect(rule.evaluate(debit, postingHistory({ earlierDebits }))).toEqual({
        rule: 'large-amount',
        severity: 'medium',
        score: 50,
        description: "A debit of 50.01 EUR is far above this customer's usual: their last 5 debits average 10.00 EUR",
        subject: { kind: 'account', id: 'account-7' },
        windowMs: 24 * HOUR_MS,
        evidence: [debit.eventId, ...earlierDebits.map((d) => d.eventId)],
        amount: { amountMinor: '5001', currency: 'EUR' },
        freezeCard: false,
        freezeAccount: false,
      });
    });

    it('raises nothing for a debit exactly at the bound', () => {
      expect(
        rule.evaluate(posting({ amountMinor: 5_000n }), postingHistory({ earlierDebits: debits(usual) })),
      ).toBeNull();
    });

    it('needs at least 5 earlier debits: 4 say nothing about a customer', () => {
      const debit = posting({ amountMinor: 400_000n });
      expect(rule.evaluate(debit, postingHistory({ earlierDebits: debits(usual.slice(0, 4)) }))).toBeNull();
      expect(rule.evaluate(debit, postingHistory({ earlierDebits: debits(usual) }))?.severity).toBe('medium');
    });

    it('requires more than mean + 3σ even when the debit is five times the mean', () => {
      // mean 20.80 EUR, σ 39.60 EUR: mean + 3σ = 139.60 EUR is the bound, above 5 × mean = 104.00 EUR
      const spiky = debits([100n, 100n, 100n, 100n, 10_000n]);
      expect(rule.evaluate(posting({ amountMinor: 12_000n }), postingHistory({ earlierDebits: spiky }))).toBeNull();
      expect(rule.evaluate(posting({ amountMinor: 13_960n }), postingHistory({ earlierDebits: spiky }))).toBeNull();
      expect(rule.evaluate(posting({ amountMinor: 13_961n }), postingHistory({ earlierDebits: spiky }))?.severity).toBe(
        'medium',
      );
    });

    it('requires five times the mean even when the debit is far above mean + 3σ', () => {
      // constant amounts: σ = 0, so mean + 3σ is the mean itself and only the ratio holds the line
      const constant = debits([1_000n, 1_000n, 1_000n, 1_000n, 1_000n]);
      expect(rule.evaluate(posting({ amountMinor: 1_001n }), postingHistory({ earlierDebits: constant }))).toBeNull();
      expect(rule.evaluate(posting({ amountMinor: 5_000n }), postingHistory({ earlierDebits: constant }))).toBeNull();
      expect(
        rule.evaluate(posting({ amountMinor: 5_001n }), postingHistory({ earlierDebits: constant }))?.severity,
      ).toBe('medium');
    });

    it('only counts earlier debits in the currency of the new one', () => {
      const yen = debits([10n, 10n, 10n, 10n, 10n], 'JPY');
      expect(rule.evaluate(posting({ amountMinor: 5_001n }), postingHistory({ earlierDebits: yen }))).toBeNull();

      const mixed = [...debits([1_000n, 1_000n, 1_000n, 1_000n]), ...debits([1_000n, 1_000n], 'JPY')];
      expect(rule.evaluate(posting({ amountMinor: 5_001n }), postingHistory({ earlierDebits: mixed }))).toBeNull();
    });

    it('judges yen debits against a yen history', () => {
      const alert = rule.evaluate(
        posting({ amountMinor: 50_001n, currency: 'JPY' }),
        postingHistory({ earlierDebits: debits([10_000n, 10_000n, 10_000n, 10_000n, 10_000n], 'JPY') }),
      );
      expect(alert?.description).toBe(
        "A debit of 50,001 JPY is far above this customer's usual: their last 5 debits average 10,000 JPY",
      );
    });

    it('looks only at the newest debits, as many as the history size', () => {
      const small = new LargeAmountRule({ ...thresholds, historySize: 5 });
      // five recent small debits, then older large ones that would lift the mean past the new debit
      const earlierDebits = [...debits([1_000n, 1_000n, 1_000n, 1_000n, 1_000n]), ...debits([90_000n, 90_000n])];

      const alert = small.evaluate(posting({ amountMinor: 6_000n }), postingHistory({ earlierDebits }));

      expect(alert?.evidence).toHaveLength(6);
      expect(alert?.evidence.slice(1)).toEqual(earlierDebits.slice(0, 5).map((d) => d.eventId));
      expect(alert?.description).toContain('their last 5 debits average 10.00 EUR');
      expect(rule.evaluate(posting({ amountMinor: 6_000n }), postingHistory({ earlierDebits }))).toBeNull();
    });

    it('scores within 1..100, rising with the distance past the bound', () => {
      const earlierDebits = debits(usual);
      const score = (amountMinor: bigint) =>
        rule.evaluate(posting({ amountMinor }), postingHistory({ earlierDebits }))!.score;
      expect(score(10_000n)).toBe(75);
      for (const amountMinor of [5_001n, 10_000n, 100_000n, 499_999n]) {
        expect(score(amountMinor)).toBeGreaterThanOrEqual(1);
        expect(score(amountMinor)).toBeLessThanOrEqual(100);
      }
      expect(score(499_999n)).toBeGreaterThan(score(10_000n));
    });
  });
});
