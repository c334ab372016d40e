import { Injectable } from '@nestjs/common';
import type { Origin } from '@microbank/contracts';
import { AlertRaiser } from '../alerts/alert-raiser.service';
import { CustomersRepository } from '../customers/customers.repository';
import type { Prisma } from '../generated/prisma/client';
import type { AlertDraft, CardAttemptFact, PostingFact } from '../rules/fraud-rule';
import { AccountNotYetKnownError } from './account-not-yet-known.error';
import { ActivityRepository } from './activity.repository';
import { RuleBook } from './rule-book';

type Tx = Prisma.TransactionClient;

/**
 * Runs every rule on every event, in the consumer's transaction: the fact is remembered and the alerts raised in
 * the transaction that records the event in the inbox, so a redelivered event never counts twice.
 */
@Injectable()
export class DetectionService {
  constructor(
    private readonly activity: ActivityRepository,
    private readonly customers: CustomersRepository,
    private readonly rules: RuleBook,
    private readonly alerts: AlertRaiser,
  ) {}

  async posted(tx: Tx, posting: PostingFact, extra: { transactionId: string; cardId: string | null }, origin: Origin) {
    const account = await this.customers.findAccount(tx, posting.accountId);
    if (!account) throw new AccountNotYetKnownError(posting.accountId);
    await this.activity.recordPosting(tx, posting, extra.transactionId);
    const since = new Date(Math.max(posting.at.getTime() - this.rules.postingLookbackMs, 0));
    const history = {
      account: { openedAt: account.openedAt, currency: account.currency },
      recent: await this.activity.recentPostings(tx, posting.accountId, since, posting.at),
      earlierDebits:
        posting.direction === 'debit'
          ? await this.activity.earlierDebits(
              tx,
              posting.userId,
              posting.currency,
              posting.at,
              posting.eventId,
              this.rules.historySize,
            )
          : [],
    };
    const party = { userId: posting.userId, accountId: posting.accountId, cardId: extra.cardId };
    await this.alerts.raise(
      tx,
      matches(this.rules.postingRules.map((r) => r.evaluate(posting, history))),
      party,
      posting.at,
      origin,
    );
  }

  async attempted(tx: Tx, reported: CardAttemptFact, origin: Origin): Promise<void> {
    const account = await this.customers.findAccount(tx, reported.accountId);
    if (!account) throw new AccountNotYetKnownError(reported.accountId);
    const attempt = await this.activity.recordAttempt(tx, reported);
    const earlier = await this.activity.earlierAttempts(tx, attempt);
    const party = { userId: account.userId, accountId: attempt.accountId, cardId: attempt.cardId };
    await this.alerts.raise(
      tx,
      matches(this.rules.cardRules.map((r) => r.evaluate(attempt, earlier))),
      party,
      attempt.at,
      origin,
    );
  }
}

const matches = (drafts: (AlertDraft | null)[]): AlertDraft[] => drafts.filter((d): d is AlertDraft => d !== null);
