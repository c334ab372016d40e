import { money } from '@microbank/contracts';
import type { CurrencyAmounts } from '../currency-amounts';
import { HOUR_MS, type AlertDraft, type PostingFact, type PostingHistory, type PostingRule } from './fraud-rule';
import { formatMoney, scoreOf } from './rule-math';

export interface StructuringThresholds {
  readonly reportingThreshold: CurrencyAmounts;
  readonly count: number;
  readonly hours: number;
  readonly marginPercent: number;
}

/**
 * Cash split to stay under the reporting threshold: several deposits within a day, each just below it (medium:
 * an analyst looks, nothing is frozen).
 */
export class StructuringRule implements PostingRule {
  readonly name = 'structuring';

  constructor(private readonly thresholds: StructuringThresholds) {}

  evaluate(posting: PostingFact, history: PostingHistory): AlertDraft | null {
    if (!this.justBelow(posting)) return null;
    const windowMs = this.thresholds.hours * HOUR_MS;
    const deposits = history.recent.filter(
      (p) => this.justBelow(p) && posting.at.getTime() - p.at.getTime() < windowMs && p.at <= posting.at,
    );
    if (!deposits.some((p) => p.eventId === posting.eventId)) deposits.push(posting);
    if (deposits.length < this.thresholds.count) return null;
    const threshold = this.thresholds.reportingThreshold[posting.currency];
    const total = deposits.reduce((sum, p) => sum + p.amountMinor, 0n);
    return {
      rule: this.name,
      severity: 'medium',
      score: scoreOf(deposits.length, this.thresholds.count),
      description:
        `${deposits.length} deposits within ${this.thresholds.hours} hours, each just under the ` +
        `${formatMoney(threshold, posting.currency)} reporting threshold (${formatMoney(total, posting.currency)} in all)`,
      subject: { kind: 'account', id: posting.accountId },
      windowMs,
      evidence: deposits.map((p) => p.eventId),
      amount: money(total, posting.currency),
      freezeCard: false,
      freezeAccount: false,
    };
  }

  private justBelow(posting: PostingFact): boolean {
    if (posting.kind !== 'deposit' || posting.direction !== 'credit') return false;
    const threshold = this.thresholds.reportingThreshold[posting.currency];
    const floor = (threshold * BigInt(100 - this.thresholds.marginPercent)) / 100n;
    return posting.amountMinor >= floor && posting.amountMinor < threshold;
  }
}
