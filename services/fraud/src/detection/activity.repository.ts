import { Injectable } from '@nestjs/common';
import { declineReasonSchema, type Currency } from '@microbank/contracts';
import type { AccountPosting, CardAttempt, Prisma } from '../generated/prisma/client';
import type { CardAttemptFact, PostingFact } from '../rules/fraud-rule';

type Db = Prisma.TransactionClient;

// the most a rule looks back over per account and per card: bounded, so a busy account costs the same every time
const RECENT_POSTINGS = 200;
const EARLIER_ATTEMPTS = 50;

/** The rules' memory: postings per account and authorization attempts per card, written in the consumer's transaction. */
@Injectable()
export class ActivityRepository {
  async recordPosting(tx: Db, posting: PostingFact, transactionId: string): Promise<void> {
    await tx.accountPosting.createMany({
      data: [
        {
          eventId: posting.eventId,
          transactionId,
          accountId: posting.accountId,
          userId: posting.userId,
          kind: posting.kind,
          direction: posting.direction,
          amountMinor: posting.amountMinor,
          currency: posting.currency,
          postedAt: posting.at,
        },
      ],
      skipDuplicates: true,
    });
  }

  /** This account's postings since `since` (the newest RECENT_POSTINGS of them), oldest first. */
  async recentPostings(tx: Db, accountId: string, since: Date, until: Date): Promise<PostingFact[]> {
    const rows = await tx.accountPosting.findMany({
      where: { accountId, postedAt: { gte: since, lte: until } },
      orderBy: [{ postedAt: 'desc' }, { eventId: 'desc' }],
      take: RECENT_POSTINGS,
    });
    return rows.reverse().map(postingFact);
  }

  /** The customer's debits in one currency before `before`, newest first. */
  async earlierDebits(
    tx: Db,
    userId: string,
    currency: Currency,
    before: Date,
    excludeEventId: string,
    take: number,
  ): Promise<PostingFact[]> {
    const rows = await tx.accountPosting.findMany({
      where: { userId, currency, direction: 'debit', postedAt: { lte: before }, eventId: { not: excludeEventId } },
      orderBy: [{ postedAt: 'desc' }, { eventId: 'desc' }],
      take,
    });
    return rows.map(postingFact);
  }

  /**
   * Records an attempt, or marks it declined when its request came first; returns it as stored, so a decline is
   * judged with the time and country of its request.
   */
  async recordAttempt(tx: Db, attempt: Omit<CardAttemptFact, 'at'> & { at: Date }): Promise<CardAttemptFact> {
    const [row] = await tx.$queryRaw<CardAttempt[]>`
      INSERT INTO card_attempt (authorization_id, card_id, account_id, amount_minor, currency, country, attempted_at, declined, decline_reason, event_ids)
      VALUES (${attempt.authorizationId}::uuid, ${attempt.cardId}::uuid, ${attempt.accountId}::uuid, ${attempt.amountMinor},
              ${attempt.currency}::"Currency", ${attempt.country}, ${attempt.at}, ${attempt.declined}, ${attempt.declineReason}, ARRAY[${attempt.eventId}::uuid])
      ON CONFLICT (authorization_id) DO UPDATE
        SET declined = card_attempt.declined OR EXCLUDED.declined,
            decline_reason = COALESCE(EXCLUDED.decline_reason, card_attempt.decline_reason), event_ids = card_attempt.event_ids || EXCLUDED.event_ids
      RETURNING authorization_id AS "authorizationId", card_id AS "cardId", account_id AS "accountId",
                amount_minor AS "amountMinor", currency, country, attempted_at AS "attemptedAt", declined,
                decline_reason AS "declineReason", event_ids AS "eventIds"`;
    return attemptFact(row!);
  }

  /** The card's attempts before this one, newest first. */
  async earlierAttempts(tx: Db, attempt: CardAttemptFact): Promise<CardAttemptFact[]> {
    const rows = await tx.cardAttempt.findMany({
      where: {
        cardId: attempt.cardId,
        attemptedAt: { lte: attempt.at },
        authorizationId: { not: attempt.authorizationId },
      },
      orderBy: [{ attemptedAt: 'desc' }, { authorizationId: 'desc' }],
      take: EARLIER_ATTEMPTS,
    });
    return rows.map(attemptFact);
  }
}

function postingFact(row: AccountPosting): PostingFact {
  return {
    eventId: row.eventId,
    accountId: row.accountId,
    userId: row.userId,
    kind: row.kind,
    direction: row.direction,
    amountMinor: row.amountMinor,
    currency: row.currency,
    at: row.postedAt,
  };
}

function attemptFact(row: CardAttempt): CardAttemptFact {
  return {
    // the latest report of it: what an alert names as evidence
    eventId: row.eventIds[row.eventIds.length - 1]!,
    authorizationId: row.authorizationId,
    cardId: row.cardId,
    accountId: row.accountId,
    amountMinor: BigInt(row.amountMinor),
    currency: row.currency,
    country: row.country,
    at: row.attemptedAt,
    declined: row.declined,
    declineReason: row.declineReason === null ? null : declineReasonSchema.parse(row.declineReason),
  };
}
