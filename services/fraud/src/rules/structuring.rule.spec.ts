import { describe, expect, it } from 'vitest';
import { HOUR_MS, type PostingFact } from './fraud-rule';
import { StructuringRule } from './structuring.rule';
import { T0, hoursAfter, perCurrency, posting, postingHistory } from './test-facts';

// 3 deposits within 24 hours, each less than 10% below 10,000.00 (¥1,500,000)
const rule = new StructuringRule({
  reportingThreshold: perCurrency(1_000_000n, 1_500_000n),
  count: 3,
  hours: 24,
  marginPercent: 10,
});

const deposit = (amountMinor: bigint, at: Date = T0, currency: 'EUR' | 'JPY' = 'EUR') =>
  posting({ kind: 'deposit', direction: 'credit', amountMinor, currency, at });

// the account's recent postings, oldest first, the new one included
const recent = (...postings: PostingFact[]) => postingHistory({ recent: postings });

describe('StructuringRule', () => {
  it('raises a medium alert, freezing nothing, for three deposits of 9,500 within 24 hours', () => {
    const first = deposit(950_000n, hoursAfter(-20));
    const second = deposit(950_000n, hoursAfter(-6));
    const third = posting({ ...deposit(950_000n), accountId: 'account-7' });

    expect(rule.evaluate(third, recent(first, second, third))).toEqual({
      rule: 'structuring',
      severity: 'medium',
      score: 50,
      description:
        '3 deposits within 24 hours, each just under the 10,000.00 EUR reporting threshold (28,500.00 EUR in all)',
      subject: { kind: 'account', id: 'account-7' },
      windowMs: 24 * HOUR_MS,
      evidence: [first.eventId, second.eventId, third.eventId],
      amount: { amountMinor: '2850000', currency: 'EUR' },
      freezeCard: false,
      freezeAccount: false,
    });
  });

  it('raises nothing for two such deposits', () => {
    const first = deposit(950_000n, hoursAfter(-6));
    const second = deposit(950_000n);
    expect(rule.evaluate(second, recent(first, second))).toBeNull();
  });

  it('does not count a deposit of exactly 10,000, which is reported anyway', () => {
    const atThreshold = deposit(1_000_000n, hoursAfter(-6));
    const last = deposit(950_000n);
    expect(rule.evaluate(last, recent(deposit(950_000n, hoursAfter(-8)), atThreshold, last))).toBeNull();

    const newAtThreshold = deposit(1_000_000n);
    const before = [deposit(950_000n, hoursAfter(-8)), deposit(950_000n, hoursAfter(-6))];
    expect(rule.evaluate(newAtThreshold, recent(...before, newAtThreshold))).toBeNull();
  });

  it('does not count a deposit of 8,999.99, outside the 10% margin, but counts one of 9,000.00', () => {
    const last = deposit(950_000n);
    const outside = deposit(899_999n, hoursAfter(-6));
    expect(rule.evaluate(last, recent(deposit(950_000n, hoursAfter(-8)), outside, last))).toBeNull();

    const atFloor = deposit(900_000n, hoursAfter(-6));
    expect(rule.evaluate(last, recent(deposit(950_000n, hoursAfter(-8)), atFloor, last))?.evidence).toContain(
      atFloor.eventId,
    );
  });

  it('does not count a deposit exactly 24 hours earlier, but counts one just inside the window', () => {
    const last = deposit(950_000n);
    const atEdge = deposit(950_000n, hoursAfter(-24));
    const justInside = deposit(950_000n, new Date(hoursAfter(-24).getTime() + 1));
    expect(rule.evaluate(last, recent(atEdge, deposit(950_000n, hoursAfter(-2)), last))).toBeNull();
    expect(rule.evaluate(last, recent(justInside, deposit(950_000n, hoursAfter(-2)), last))).not.toBeNull();
  });

  it('only counts cash deposits: a transfer in of 9,500 does not count, nor is it judged', () => {
    const transferIn = posting({ kind: 'transfer_credit', direction: 'credit', amountMinor: 950_000n });
    const earlier = [deposit(950_000n, hoursAfter(-8)), deposit(950_000n, hoursAfter(-6))];
    expect(rule.evaluate(transferIn, recent(...earlier, transferIn))).toBeNull();

    const last = deposit(950_000n);
    const earlierTransfer = posting({
      kind: 'transfer_credit',
      direction: 'credit',
      amountMinor: 950_000n,
      at: hoursAfter(-6),
    });
    expect(rule.evaluate(last, recent(deposit(950_000n, hoursAfter(-8)), earlierTransfer, last))).toBeNull();
  });

  it('never matches a debit', () => {
    const withdrawal = posting({ kind: 'deposit', direction: 'debit', amountMinor: 950_000n });
    const earlier = [deposit(950_000n, hoursAfter(-8)), deposit(950_000n, hoursAfter(-6))];
    expect(rule.evaluate(withdrawal, recent(...earlier, withdrawal))).toBeNull();
  });

  it('counts the new deposit once, whether or not the history already holds it', () => {
    const first = deposit(950_000n, hoursAfter(-8));
    const second = deposit(950_000n, hoursAfter(-6));
    const last = deposit(950_000n);
    expect(rule.evaluate(last, recent(first, second))?.evidence).toEqual([first.eventId, second.eventId, last.eventId]);
    expect(rule.evaluate(last, recent(first, last))).toBeNull();
  });

  it('does not count deposits stamped after the new one', () => {
    const last = deposit(950_000n);
    const later = deposit(950_000n, hoursAfter(1));
    expect(rule.evaluate(last, recent(deposit(950_000n, hoursAfter(-2)), last, later))).toBeNull();
  });

  it('applies the yen threshold in whole yen', () => {
    const deposits = [
      deposit(1_400_000n, hoursAfter(-8), 'JPY'),
      deposit(1_400_000n, hoursAfter(-6), 'JPY'),
      deposit(1_400_000n, T0, 'JPY'),
    ];
    expect(rule.evaluate(deposits[2]!, recent(...deposits))?.description).toBe(
      '3 deposits within 24 hours, each just under the 1,500,000 JPY reporting threshold (4,200,000 JPY in all)',
    );
  });

  it('scores 75 for twice the deposits it takes, and sums them all', () => {
    const many = Array.from({ length: 6 }, (_, i) => deposit(950_000n, hoursAfter(i - 5)));
    const alert = rule.evaluate(many[5]!, recent(...many));
    expect(alert?.score).toBe(75);
    expect(alert?.amount).toEqual({ amountMinor: '5700000', currency: 'EUR' });
  });
});
