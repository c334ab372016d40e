import { describe, expect, it } from 'vitest';
import { distanceKm } from './country-centroids';
import { MINUTE_MS } from './fraud-rule';
import { ImpossibleTravelRule } from './impossible-travel.rule';
import { attempt, minutesAfter } from './test-facts';

const rule = new ImpossibleTravelRule({ minKm: 500, maxKmh: 1_000 });

// a payment in `country`, `minutesBefore` the attempt at T0
const earlierIn = (country: string, minutesBefore: number) => attempt({ country, at: minutesAfter(-minutesBefore) });

describe('ImpossibleTravelRule', () => {
  it('raises a high alert that freezes the card for France then Japan 30 minutes apart', () => {
    const previous = earlierIn('FR', 30);
    const now = attempt({ country: 'JP', cardId: 'card-7', amountMinor: 12_000n, currency: 'JPY' });
    const km = distanceKm('FR', 'JP')!;
    const kmh = km / 0.5;

    expect(rule.evaluate(now, [previous])).toEqual({
      rule: 'impossible-travel',
      severity: 'high',
      score: Math.round(100 - (50 * 1_000) / kmh),
      description:
        `Card used in FR then in JP 30 minutes later: ${Math.round(km).toLocaleString('en-GB')} km at ` +
        `${Math.round(kmh).toLocaleString('en-GB')} km/h (limit 1,000 km/h)`,
      subject: { kind: 'card', id: 'card-7' },
      windowMs: 60 * MINUTE_MS,
      evidence: [previous.eventId, now.eventId],
      amount: { amountMinor: '12000', currency: 'JPY' },
      freezeCard: true,
      freezeAccount: false,
    });
  });

  it('judges France then Germany, further apart than the minimum, by the speed between them', () => {
    const km = distanceKm('FR', 'DE')!;
    expect(km).toBeGreaterThan(500);
    // about 776 km: impossible in 30 minutes, possible in an hour at the 1,000 km/h limit
    expect(rule.evaluate(attempt({ country: 'DE' }), [earlierIn('FR', 30)])?.severity).toBe('high');
    expect(rule.evaluate(attempt({ country: 'DE' }), [earlierIn('FR', 60)])).toBeNull();
  });

  it('raises nothing for France then Belgium, nearer than the minimum distance, even a minute apart', () => {
    expect(distanceKm('FR', 'BE')).toBeLessThan(500);
    expect(rule.evaluate(attempt({ country: 'BE' }), [earlierIn('FR', 1)])).toBeNull();
  });

  it('raises nothing for two payments in the same country', () => {
    expect(rule.evaluate(attempt({ country: 'FR' }), [earlierIn('FR', 0)])).toBeNull();
  });

  it('raises nothing when either country has no known centre', () => {
    expect(rule.evaluate(attempt({ country: 'XX' }), [earlierIn('FR', 1)])).toBeNull();
    expect(rule.evaluate(attempt({ country: 'JP' }), [earlierIn('XX', 1)])).toBeNull();
  });

  it('raises nothing when there was plenty of time to travel', () => {
    expect(rule.evaluate(attempt({ country: 'JP' }), [earlierIn('FR', 24 * 60)])).toBeNull();
  });

  it('raises nothing at exactly the speed limit, and an alert just above it', () => {
    const km = distanceKm('FR', 'JP')!;
    const atLimit = new ImpossibleTravelRule({ minKm: 500, maxKmh: km });
    // km / 1 h is exactly maxKmh
    expect(atLimit.evaluate(attempt({ country: 'JP' }), [earlierIn('FR', 60)])).toBeNull();
    expect(atLimit.evaluate(attempt({ country: 'JP' }), [earlierIn('FR', 59)])?.severity).toBe('high');
  });

  it('says "no time at all" and scores 100 when no time passed between the two payments', () => {
    const alert = rule.evaluate(attempt({ country: 'JP' }), [earlierIn('FR', 0)]);
    expect(alert?.description).toMatch(/^Card used in FR then in JP 0 minutes later: [\d,]+ km at no time at all/);
    expect(alert?.score).toBe(100);
  });

  it('treats a previous payment stamped after this one as no time at all', () => {
    const later = attempt({ country: 'FR', at: minutesAfter(5) });
    expect(rule.evaluate(attempt({ country: 'JP' }), [later])?.description).toContain('no time at all');
  });

  it('compares only with the card’s previous attempt, the newest of the earlier ones', () => {
    // Japan an hour after Germany is impossible, but the previous payment was in Japan too
    const earlier = [earlierIn('JP', 5), earlierIn('DE', 60)];
    expect(rule.evaluate(attempt({ country: 'JP' }), earlier)).toBeNull();
  });

  it('raises nothing for the first attempt on a card', () => {
    expect(rule.evaluate(attempt({ country: 'JP' }), [])).toBeNull();
  });

  it('scores within 1..100, higher the faster the travel', () => {
    const slow = rule.evaluate(attempt({ country: 'DE' }), [earlierIn('FR', 40)])!.score;
    const fast = rule.evaluate(attempt({ country: 'JP' }), [earlierIn('FR', 5)])!.score;
    expect(slow).toBeGreaterThanOrEqual(50);
    expect(fast).toBeGreaterThan(slow);
    expect(fast).toBeLessThanOrEqual(100);
  });
});
