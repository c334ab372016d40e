import { describe, expect, it } from 'vitest';
import { HOUR_MS, type PostingFact } from './fraud-rule';
import { NewAccountDrainRule } from './new-account-drain.rule';
import { T0, hoursAfter, minutesAfter, perCurrency, posting, postingHistory } from './test-facts';

// 80% of at least 500.00 (¥80,000) paid in, gone within 48 hours of opening
const rule = new NewAccountDrainRule({ hours: 48, percent: 80, minimum: perCurrency(50_000n, 80_000n) });

const credit = (amountMinor: bigint, at: Date, currency: 'EUR' | 'JPY' = 'EUR') =>
  posting({ direction: 'credit', kind: 'transfer_credit', amountMinor, currency, at });
const debit = (amountMinor: bigint, at: Date = T0, currency: 'EUR' | 'JPY' = 'EUR') =>
  posting({ direction: 'debit', kind: 'transfer_debit', amountMinor, currency, at });

// an account opened `hoursAgo` before T0, whose recent postings are `recent` (the new one included)
const openedHoursAgo = (hoursAgo: number, recent: readonly PostingFact[]) =>
  postingHistory({ account: { openedAt: hoursAfter(-hoursAgo), currency: 'EUR' }, recent });

describe('NewAccountDrainRule', () => {
  it('raises a high alert that freezes the account when 80% of the money paid in leaves within hours of opening', () => {
    const paidIn = credit(100_000n, minutesAfter(-90));
    const drain = posting({ ...debit(80_000n), accountId: 'account-7' });

    expect(rule.evaluate(drain, openedHoursAgo(2, [paidIn, drain]))).toEqual({
      rule: 'new-account-drain',
      severity: 'high',
      score: 50,
      description:
        '800.00 EUR of the 1,000.00 EUR paid into an account opened 2 hour(s) ago has left it (limit 80% within 48 hours)',
      subject: { kind: 'account', id: 'account-7' },
      windowMs: 48 * HOUR_MS,
      evidence: [drain.eventId, paidIn.eventId],
      amount: { amountMinor: '80000', currency: 'EUR' },
      freezeCard: false,
      freezeAccount: true,
    });
  });

  it('raises nothing when 79% has left, and an alert at 80%', () => {
    const paidIn = credit(100_000n, minutesAfter(-90));
    const at79 = debit(79_000n);
    const at80 = debit(80_000n);
    expect(rule.evaluate(at79, openedHoursAgo(2, [paidIn, at79]))).toBeNull();
    expect(rule.evaluate(at80, openedHoursAgo(2, [paidIn, at80]))).not.toBeNull();
  });

  it('names the debit that tipped it first, even after more than a hundred payments in', () => {
    const credits = Array.from({ length: 101 }, (_, i) => credit(1_000n, minutesAfter(-200 + i)));
    const drain = debit(100_000n);
    const alert = rule.evaluate(drain, openedHoursAgo(5, [...credits, drain]));
    expect(alert?.evidence).toHaveLength(100);
    expect(alert?.evidence[0]).toBe(drain.eventId);
  });

  it('adds up every debit since opening, not just the new one', () => {
    const paidIn = credit(100_000n, minutesAfter(-90));
    const first = debit(50_000n, minutesAfter(-30));
    const second = debit(30_000n);

    const alert = rule.evaluate(second, openedHoursAgo(2, [paidIn, first, second]));

    expect(alert?.amount).toEqual({ amountMinor: '80000', currency: 'EUR' });
    // the debit that tipped it first, then the other debits newest first, then the money paid in
    expect(alert?.evidence).toEqual([second.eventId, first.eventId, paidIn.eventId]);
    expect(rule.evaluate(second, openedHoursAgo(2, [paidIn, second]))).toBeNull();
  });

  it('raises nothing when less than the minimum was paid in, even if all of it left', () => {
    const paidIn = credit(49_999n, minutesAfter(-90));
    const drain = debit(49_999n);
    expect(rule.evaluate(drain, openedHoursAgo(2, [paidIn, drain]))).toBeNull();

    const enough = credit(50_000n, minutesAfter(-90));
    const all = debit(50_000n);
    expect(rule.evaluate(all, openedHoursAgo(2, [enough, all]))?.severity).toBe('high');
  });

  it('applies the yen minimum in whole yen', () => {
    const paidIn = credit(80_000n, minutesAfter(-90), 'JPY');
    const drain = debit(64_000n, T0, 'JPY');
    expect(rule.evaluate(drain, openedHoursAgo(2, [paidIn, drain]))?.description).toBe(
      '64,000 JPY of the 80,000 JPY paid into an account opened 2 hour(s) ago has left it (limit 80% within 48 hours)',
    );
  });

  it('raises nothing on an account opened more than 48 hours ago, and judges one opened exactly 48 hours ago', () => {
    const paidIn = credit(100_000n, minutesAfter(-90));
    const drain = debit(100_000n);
    expect(rule.evaluate(drain, openedHoursAgo(49, [paidIn, drain]))).toBeNull();
    expect(rule.evaluate(drain, openedHoursAgo(48, [paidIn, drain]))?.severity).toBe('high');
  });

  it('never matches a credit', () => {
    const paidIn = credit(100_000n, minutesAfter(-90));
    const drain = debit(100_000n, minutesAfter(-10));
    const refund = credit(1_000n, T0);
    expect(rule.evaluate(refund, openedHoursAgo(2, [paidIn, drain, refund]))).toBeNull();
  });

  it('only counts postings in the currency of the new debit', () => {
    const euros = credit(100_000n, minutesAfter(-90));
    const yen = credit(10_000_000n, minutesAfter(-80), 'JPY');
    const drain = debit(80_000n);
    const alert = rule.evaluate(drain, openedHoursAgo(2, [euros, yen, drain]));
    expect(alert?.description).toContain('of the 1,000.00 EUR paid into');
    expect(alert?.evidence).not.toContain(yen.eventId);
  });

  it('ignores postings from before the account was opened', () => {
    const before = credit(1_000_000n, hoursAfter(-3));
    const paidIn = credit(100_000n, minutesAfter(-90));
    const drain = debit(80_000n);
    const alert = rule.evaluate(drain, openedHoursAgo(2, [before, paidIn, drain]));
    expect(alert?.description).toContain('of the 1,000.00 EUR paid into');
  });

  it('says 1 hour for an account opened minutes ago, and scores higher the more has left', () => {
    const paidIn = credit(100_000n, minutesAfter(-5));
    const drain = debit(100_000n);
    const alert = rule.evaluate(drain, openedHoursAgo(0.1, [paidIn, drain]));
    expect(alert?.description).toContain('opened 1 hour(s) ago');
    expect(alert?.score).toBe(60);
  });
});
