import { money } from '@microbank/contracts';
import type { CurrencyAmounts } from '../currency-amounts';
import { HOUR_MS, type AlertDraft, type PostingFact, type PostingHistory, type PostingRule } from './fraud-rule';
import { formatMoney, scoreOf } from './rule-math';

export interface LargeAmountThresholds {
  readonly absolute: CurrencyAmounts;
  readonly sigmas: number;
  readonly minRatio: number;
  readonly historySize: number;
}

// fewer debits than this say nothing about a customer's habits
const MIN_HISTORY = 5;

/**
 * Money leaving an account: at or above a fixed amount per currency (high: the account is frozen), or far above
 * what this customer usually spends — over mean + k·σ of their last debits and several times their mean (medium).
 */
export class LargeAmountRule implements PostingRule {
  readonly name = 'large-amount';

  constructor(private readonly thresholds: LargeAmountThresholds) {}

  evaluate(posting: PostingFact, history: PostingHistory): AlertDraft | null {
    if (posting.direction !== 'debit') return null;
    const { amountMinor, currency } = posting;
    const limit = this.thresholds.absolute[currency];
    if (amountMinor >= limit) {
      return this.alert(posting, {
        severity: 'high',
        score: scoreOf(Number(amountMinor), Number(limit)),
        description: `A debit of ${formatMoney(amountMinor, currency)} is at or above the ${formatMoney(limit, currency)} single-transaction threshold`,
        evidence: [posting.eventId],
        freezeAccount: true,
      });
    }
    const past = history.earlierDebits.filter((d) => d.currency === currency).slice(0, this.thresholds.historySize);
    if (past.length < MIN_HISTORY) return null;
    const amounts = past.map((d) => Number(d.amountMinor));
    const mean = amounts.reduce((sum, a) => sum + a, 0) / amounts.length;
    const sigma = Math.sqrt(amounts.reduce((sum, a) => sum + (a - mean) ** 2, 0) / amounts.length);
    const bound = Math.max(mean + this.thresholds.sigmas * sigma, mean * this.thresholds.minRatio);
    if (Number(amountMinor) <= bound) return null;
    return this.alert(posting, {
      severity: 'medium',
      score: scoreOf(Number(amountMinor), bound),
      description:
        `A debit of ${formatMoney(amountMinor, currency)} is far above this customer's usual: their last ` +
        `${past.length} debits average ${formatMoney(BigInt(Math.round(mean)), currency)}`,
      evidence: [posting.eventId, ...past.map((d) => d.eventId)],
      freezeAccount: false,
    });
  }

  private alert(
    posting: PostingFact,
    found: Pick<AlertDraft, 'severity' | 'score' | 'description' | 'evidence' | 'freezeAccount'>,
  ): AlertDraft {
    return {
      rule: this.name,
      ...found,
      subject: { kind: 'account', id: posting.accountId },
      windowMs: 24 * HOUR_MS,
      amount: money(posting.amountMinor, posting.currency),
      freezeCard: false,
    };
  }
}
