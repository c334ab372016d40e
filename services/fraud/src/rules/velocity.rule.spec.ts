import { describe, expect, it } from 'vitest';
import { MINUTE_MS, type CardAttemptFact } from './fraud-rule';
import { attempt, minutesAfter } from './test-facts';
import { VelocityRule } from './velocity.rule';

const rule = new VelocityRule({ maxAttempts: 10, minutes: 10 });

// `count` earlier attempts on the card, newest first, one every `everyMinutes` before T0
const earlierAttempts = (count: number, everyMinutes = 0.5): CardAttemptFact[] =>
  Array.from({ length: count }, (_, i) => attempt({ at: minutesAfter(-everyMinutes * (i + 1)) }));

describe('VelocityRule', () => {
  it('raises nothing for the 10th authorization in 10 minutes, and a medium alert for the 11th', () => {
    expect(rule.evaluate(attempt(), earlierAttempts(9))).toBeNull();

    const eleventh = attempt({ cardId: 'card-7', amountMinor: 1_999n });
    const earlier = earlierAttempts(10);
    expect(rule.evaluate(eleventh, earlier)).toEqual({
      rule: 'velocity',
      severity: 'medium',
      score: 55,
      description: '11 authorizations on one card within 10 minutes (limit 10)',
      subject: { kind: 'card', id: 'card-7' },
      windowMs: 10 * MINUTE_MS,
      evidence: [eleventh.eventId, ...earlier.map((e) => e.eventId)],
      amount: { amountMinor: '1999', currency: 'EUR' },
      freezeCard: false,
      freezeAccount: false,
    });
  });

  it('does not count an attempt exactly 10 minutes earlier, but counts one just inside the window', () => {
    const nineRecent = earlierAttempts(9);
    const atEdge = attempt({ at: minutesAfter(-10) });
    const justInside = attempt({ at: new Date(minutesAfter(-10).getTime() + 1) });

    expect(rule.evaluate(attempt(), [...nineRecent, atEdge])).toBeNull();
    expect(rule.evaluate(attempt(), [...nineRecent, justInside])?.evidence).toContain(justInside.eventId);
  });

  it('raises nothing for many attempts spread over more than the window', () => {
    // 30 attempts, one a minute: only 9 earlier ones fall within 10 minutes
    expect(rule.evaluate(attempt(), earlierAttempts(30, 1))).toBeNull();
  });

  it('counts declined attempts as attempts', () => {
    const declined = earlierAttempts(10).map((e) => ({ ...e, declined: true }));
    expect(rule.evaluate(attempt(), declined.slice(0, 9))).toBeNull();
    expect(rule.evaluate(attempt({ declined: true }), declined)?.severity).toBe('medium');
  });

  it('scores higher the more attempts there are, never past 100', () => {
    expect(rule.evaluate(attempt(), earlierAttempts(19))?.score).toBe(75);
    expect(rule.evaluate(attempt(), earlierAttempts(1_000, 0.001))?.score).toBe(100);
    for (const count of [10, 15, 50, 1_000]) {
      const score = rule.evaluate(attempt(), earlierAttempts(count, 0.001))!.score;
      expect(score).toBeGreaterThanOrEqual(1);
      expect(score).toBeLessThanOrEqual(100);
    }
  });

  it('follows its configuration', () => {
    const strict = new VelocityRule({ maxAttempts: 2, minutes: 1 });
    expect(strict.evaluate(attempt(), earlierAttempts(1, 0.5))).toBeNull();
    expect(strict.evaluate(attempt(), earlierAttempts(2, 0.4))?.description).toBe(
      '3 authorizations on one card within 1 minutes (limit 2)',
    );
  });
});
