import { money } from '@microbank/contracts';
import type { CurrencyAmounts } from '../currency-amounts';
import { HOUR_MS, type AlertDraft, type PostingFact, type PostingHistory, type PostingRule } from './fraud-rule';
import { formatMoney, scoreOf } from './rule-math';

export interface DrainThresholds {
  readonly hours: number;
  readonly percent: number;
  readonly minimum: CurrencyAmounts;
}

/**
 * A mule account: opened, paid into, and emptied within hours (high: the account is frozen before the rest goes).
 * Judged on each debit, over everything the account received and sent since it opened.
 */
export class NewAccountDrainRule implements PostingRule {
  readonly name = 'new-account-drain';

  constructor(private readonly thresholds: DrainThresholds) {}

  evaluate(posting: PostingFact, history: PostingHistory): AlertDraft | null {
    if (posting.direction !== 'debit') return null;
    const windowMs = this.thresholds.hours * HOUR_MS;
    const openedAt = history.account.openedAt.getTime();
    if (posting.at.getTime() - openedAt > windowMs) return null;
    const sinceOpening = history.recent.filter((p) => p.at.getTime() >= openedAt && p.currency === posting.currency);
    const credits = sinceOpening.filter((p) => p.direction === 'credit');
    const debits = sinceOpening.filter((p) => p.direction === 'debit');
    const paidIn = credits.reduce((sum, p) => sum + p.amountMinor, 0n);
    const paidOut = debits.reduce((sum, p) => sum + p.amountMinor, 0n);
    if (paidIn < this.thresholds.minimum[posting.currency]) return null;
    if (paidOut * 100n < paidIn * BigInt(this.thresholds.percent)) return null;
    const hours = Math.max(1, Math.round((posting.at.getTime() - openedAt) / HOUR_MS));
    return {
      rule: this.name,
      severity: 'high',
      score: scoreOf(Number(paidOut) / Number(paidIn), this.thresholds.percent / 100),
      description:
        `${formatMoney(paidOut, posting.currency)} of the ${formatMoney(paidIn, posting.currency)} paid into an ` +
        `account opened ${hours} hour(s) ago has left it (limit ${this.thresholds.percent}% within ${this.thresholds.hours} hours)`,
      subject: { kind: 'account', id: posting.accountId },
      windowMs,
      // the debit that tipped it first: evidence holds at most 100 ids
      evidence: [posting, ...debits.filter((p) => p.eventId !== posting.eventId).reverse(), ...credits]
        .slice(0, 100)
        .map((p) => p.eventId),
      amount: money(paidOut, posting.currency),
      freezeCard: false,
      freezeAccount: true,
    };
  }
}
