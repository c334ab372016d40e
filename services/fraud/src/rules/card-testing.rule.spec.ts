import { describe, expect, it } from 'vitest';
import { CardTestingRule } from './card-testing.rule';
import { MINUTE_MS } from './fraud-rule';
import { attempt, minutesAfter, perCurrency } from './test-facts';

// 4 probes within 10 minutes; a probe is up to 2.00 in the two-decimal currencies, up to ¥300, or declined
const rule = new CardTestingRule({ count: 4, minutes: 10, tinyAmount: perCurrency(200n, 300n) });

const tiny = (minutesBefore: number, amountMinor = 100n) => attempt({ amountMinor, at: minutesAfter(-minutesBefore) });
const frozenDecline = (minutesBefore: number) =>
  attempt({ amountMinor: 25_000n, declined: true, declineReason: 'fraud_suspected', at: minutesAfter(-minutesBefore) });
const declined = (minutesBefore: number, amountMinor = 25_000n) =>
  attempt({ amountMinor, declined: true, at: minutesAfter(-minutesBefore) });

describe('CardTestingRule', () => {
  it('raises a high alert that freezes the card on the 4th tiny authorization within 10 minutes', () => {
    const probe = attempt({ amountMinor: 1n, cardId: 'card-7' });
    const earlier = [tiny(1), tiny(2), tiny(3)];

    expect(rule.evaluate(probe, earlier)).toEqual({
      rule: 'card-testing',
      severity: 'high',
      score: 50,
      description: '4 tiny (up to 2.00 EUR) or declined authorizations on one card within 10 minutes, 0 declined',
      subject: { kind: 'card', id: 'card-7' },
      windowMs: 10 * MINUTE_MS,
      evidence: [probe.eventId, ...earlier.map((e) => e.eventId)],
      amount: { amountMinor: '1', currency: 'EUR' },
      freezeCard: true,
      freezeAccount: false,
    });
  });

  it('raises nothing for the 3rd tiny authorization', () => {
    expect(rule.evaluate(attempt({ amountMinor: 100n }), [tiny(1), tiny(2)])).toBeNull();
  });

  it('counts declines of any amount alongside tiny authorizations', () => {
    const alert = rule.evaluate(attempt({ amountMinor: 50_000n, declined: true }), [declined(1), tiny(2), tiny(3)]);
    expect(alert?.severity).toBe('high');
    expect(alert?.description).toBe(
      '4 tiny (up to 2.00 EUR) or declined authorizations on one card within 10 minutes, 2 declined',
    );
  });

  it('counts an authorization of exactly the tiny amount, but not one a cent above it', () => {
    expect(rule.evaluate(attempt({ amountMinor: 200n }), [tiny(1), tiny(2), tiny(3)])).not.toBeNull();
    expect(rule.evaluate(attempt({ amountMinor: 100n }), [tiny(1), tiny(2), tiny(3, 201n)])).toBeNull();
  });

  it('raises nothing for a normal approved payment, even right after several probes', () => {
    const probes = [tiny(1), tiny(2), declined(3), tiny(4), declined(5)];
    expect(rule.evaluate(attempt({ amountMinor: 4_500n }), probes)).toBeNull();
  });

  it('does not count normal payments between the probes', () => {
    const earlier = [tiny(1), attempt({ amountMinor: 4_500n, at: minutesAfter(-2) }), tiny(3)];
    expect(rule.evaluate(tiny(0), earlier)).toBeNull();
    const alert = rule.evaluate(tiny(0), [...earlier, tiny(4)]);
    expect(alert?.evidence).toHaveLength(4);
    expect(alert?.evidence).not.toContain(earlier[1]!.eventId);
  });

  it('does not count a probe exactly 10 minutes earlier, but counts one just inside the window', () => {
    const atEdge = tiny(10);
    const justInside = attempt({ amountMinor: 100n, at: new Date(minutesAfter(-10).getTime() + 1) });
    expect(rule.evaluate(tiny(0), [tiny(1), tiny(2), atEdge])).toBeNull();
    expect(rule.evaluate(tiny(0), [tiny(1), tiny(2), justInside])?.evidence).toContain(justInside.eventId);
  });

  it('applies the yen tiny amount in whole yen', () => {
    const yen = (minutesBefore: number, amountMinor: bigint) =>
      attempt({ amountMinor, currency: 'JPY', at: minutesAfter(-minutesBefore) });
    const alert = rule.evaluate(yen(0, 300n), [yen(1, 250n), yen(2, 100n), yen(3, 1n)]);
    expect(alert?.description).toContain('up to 300 JPY');
    expect(rule.evaluate(yen(0, 301n), [yen(1, 250n), yen(2, 100n), yen(3, 1n)])).toBeNull();
  });

  it('scores 75 for twice the probes it takes, and lists every probe as evidence', () => {
    const many = Array.from({ length: 7 }, (_, i) => tiny(i + 1));
    const alert = rule.evaluate(tiny(0), many);
    expect(alert?.score).toBe(75);
    expect(alert?.evidence).toHaveLength(8);
  });

  it('does not count the declines of a frozen card: the holder trying again is not someone probing', () => {
    const retry = attempt({ amountMinor: 25_000n, declined: true, declineReason: 'card_restricted' });
    expect(rule.evaluate(retry, [frozenDecline(1), frozenDecline(2), frozenDecline(3)])).toBeNull();
  });
});
