import { money, type DeclineReason } from '@microbank/contracts';
import type { CurrencyAmounts } from '../currency-amounts';
import { MINUTE_MS, type AlertDraft, type CardAttemptFact, type CardRule } from './fraud-rule';
import { formatMoney, scoreOf } from './rule-math';

const FROZEN: ReadonlySet<DeclineReason> = new Set(['fraud_suspected', 'card_restricted']);

export interface CardTestingThresholds {
  readonly count: number;
  readonly minutes: number;
  readonly tinyAmount: CurrencyAmounts;
}

/**
 * Someone checking stolen card details: several tiny authorizations, or declines, on one card within minutes
 * (high: the card is frozen before the real spending starts).
 */
export class CardTestingRule implements CardRule {
  readonly name = 'card-testing';

  constructor(private readonly thresholds: CardTestingThresholds) {}

  evaluate(attempt: CardAttemptFact, earlier: readonly CardAttemptFact[]): AlertDraft | null {
    if (!this.probing(attempt)) return null;
    const windowMs = this.thresholds.minutes * MINUTE_MS;
    const probes = [attempt, ...earlier.filter((e) => attempt.at.getTime() - e.at.getTime() < windowMs)].filter((e) =>
      this.probing(e),
    );
    if (probes.length < this.thresholds.count) return null;
    const declines = probes.filter((e) => e.declined).length;
    const tiny = formatMoney(this.thresholds.tinyAmount[attempt.currency], attempt.currency);
    return {
      rule: this.name,
      severity: 'high',
      score: scoreOf(probes.length, this.thresholds.count),
      description: `${probes.length} tiny (up to ${tiny}) or declined authorizations on one card within ${this.thresholds.minutes} minutes, ${declines} declined`,
      subject: { kind: 'card', id: attempt.cardId },
      windowMs,
      evidence: probes.map((e) => e.eventId),
      amount: money(attempt.amountMinor, attempt.currency),
      freezeCard: true,
      freezeAccount: false,
    };
  }

  private probing(attempt: CardAttemptFact): boolean {
    // a card the bank or its holder froze declines every try: those are the holder finding out, not a probe
    const probe = attempt.declined && !FROZEN.has(attempt.declineReason ?? 'do_not_honour');
    return probe || attempt.amountMinor <= this.thresholds.tinyAmount[attempt.currency];
  }
}
