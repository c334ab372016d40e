import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { dayOf, monthOf } from '../calendar/calendar';
import type { Posting } from './posting';

type Db = Prisma.TransactionClient;

/**
 * Writes one posting into every read model, in the consumer's transaction. Nothing here reads a clock or draws an
 * id: the same log replayed gives the same rows.
 */
@Injectable()
export class PostingsRepository {
  /** The account's next statement line: one account's postings arrive in order on one partition. */
  async appendLine(tx: Db, p: Posting): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO statement_line (account_id, line_no, event_id, transaction_id, posted_at, kind, direction,
        amount_minor, balance_after_minor, currency, description, card_id, merchant_category, category)
      SELECT ${p.accountId}::uuid, COALESCE(MAX(line_no), 0) + 1, ${p.eventId}::uuid, ${p.transactionId}::uuid,
        ${p.postedAt}, ${p.kind}::"TransactionKind", ${p.direction}::"Direction", ${p.amountMinor},
        ${p.balanceAfterMinor}, ${p.currency}::"Currency", ${p.description}, ${p.cardId}::uuid,
        ${p.merchantCategory}, ${p.category}::"SpendingCategory"
      FROM statement_line WHERE account_id = ${p.accountId}::uuid`;
  }

  /** Card spending: a payment adds to its month and category, a refund takes away. */
  async addSpending(tx: Db, p: Posting): Promise<void> {
    if (p.category === null) return;
    const refund = p.kind === 'card_refund';
    const net = refund ? -p.amountMinor : p.amountMinor;
    // ON CONFLICT, not read-then-write: the row is shared by every posting of the month
    await tx.$executeRaw`
      INSERT INTO monthly_spending (account_id, month, category, currency, net_minor, payments, refunds)
      VALUES (${p.accountId}::uuid, ${monthOf(p.postedAt)}, ${p.category}::"SpendingCategory", ${p.currency}::"Currency",
        ${net}, ${refund ? 0 : 1}, ${refund ? 1 : 0})
      ON CONFLICT (account_id, month, category) DO UPDATE SET
        net_minor = monthly_spending.net_minor + EXCLUDED.net_minor,
        payments = monthly_spending.payments + EXCLUDED.payments,
        refunds = monthly_spending.refunds + EXCLUDED.refunds`;
  }

  /** The bank-wide day: consumers of all three partitions add to the same rows, so the database adds. */
  async addDailyTotal(tx: Db, p: Posting): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO daily_total (day, currency, kind, direction, count, sum_minor)
      VALUES (${dayOf(p.postedAt)}::date, ${p.currency}::"Currency", ${p.kind}::"TransactionKind",
        ${p.direction}::"Direction", 1, ${p.amountMinor})
      ON CONFLICT (day, currency, kind, direction) DO UPDATE SET
        count = daily_total.count + 1,
        sum_minor = daily_total.sum_minor + EXCLUDED.sum_minor`;
  }
}
