import { money } from '@microbank/contracts';
import { distanceKm } from './country-centroids';
import { HOUR_MS, MINUTE_MS, type AlertDraft, type CardAttemptFact, type CardRule } from './fraud-rule';
import { scoreOf } from './rule-math';

export interface TravelThresholds {
  readonly minKm: number;
  readonly maxKmh: number;
}

/**
 * One card used in two countries further apart than anyone travels in the time between (high: the card is frozen,
 * since one of the two is not the holder). Compares each attempt with the card's previous one.
 */
export class ImpossibleTravelRule implements CardRule {
  readonly name = 'impossible-travel';

  constructor(private readonly thresholds: TravelThresholds) {}

  evaluate(attempt: CardAttemptFact, earlier: readonly CardAttemptFact[]): AlertDraft | null {
    const previous = earlier[0];
    if (!previous || previous.country === attempt.country) return null;
    const km = distanceKm(previous.country, attempt.country);
    if (km === null || km < this.thresholds.minKm) return null;
    const hours = Math.max(attempt.at.getTime() - previous.at.getTime(), 0) / HOUR_MS;
    const kmh = hours === 0 ? Number.POSITIVE_INFINITY : km / hours;
    if (kmh <= this.thresholds.maxKmh) return null;
    const minutes = Math.round(hours * 60);
    const after = minutes === 1 ? '1 minute' : `${minutes} minutes`;
    const speed = Number.isFinite(kmh) ? `${Math.round(kmh).toLocaleString('en-GB')} km/h` : 'no time at all';
    return {
      rule: this.name,
      severity: 'high',
      score: scoreOf(kmh, this.thresholds.maxKmh),
      description:
        `Card used in ${previous.country} then in ${attempt.country} ${after} later: ` +
        `${Math.round(km).toLocaleString('en-GB')} km at ${speed} (limit ${this.thresholds.maxKmh.toLocaleString('en-GB')} km/h)`,
      subject: { kind: 'card', id: attempt.cardId },
      windowMs: 60 * MINUTE_MS,
      evidence: [previous.eventId, attempt.eventId],
      amount: money(attempt.amountMinor, attempt.currency),
      freezeCard: true,
      freezeAccount: false,
    };
  }
}
