import { money } from '@microbank/contracts';
import { MINUTE_MS, type AlertDraft, type CardAttemptFact, type CardRule } from './fraud-rule';
import { scoreOf } from './rule-math';

export interface VelocityThresholds {
  readonly maxAttempts: number;
  readonly minutes: number;
}

/** More authorization attempts on one card within a few minutes than a person makes (medium). */
export class VelocityRule implements CardRule {
  readonly name = 'velocity';

  constructor(private readonly thresholds: VelocityThresholds) {}

  evaluate(attempt: CardAttemptFact, earlier: readonly CardAttemptFact[]): AlertDraft | null {
    const windowMs = this.thresholds.minutes * MINUTE_MS;
    const inWindow = [attempt, ...earlier.filter((e) => attempt.at.getTime() - e.at.getTime() < windowMs)];
    if (inWindow.length <= this.thresholds.maxAttempts) return null;
    return {
      rule: this.name,
      severity: 'medium',
      score: scoreOf(inWindow.length, this.thresholds.maxAttempts),
      description: `${inWindow.length} authorizations on one card within ${this.thresholds.minutes} minutes (limit ${this.thresholds.maxAttempts})`,
      subject: { kind: 'card', id: attempt.cardId },
      windowMs,
      evidence: inWindow.map((e) => e.eventId),
      amount: money(attempt.amountMinor, attempt.currency),
      freezeCard: false,
      freezeAccount: false,
    };
  }
}
