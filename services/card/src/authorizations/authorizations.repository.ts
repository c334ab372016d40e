import { Injectable } from '@nestjs/common';
import type { Currency } from '@microbank/contracts';
import { PrismaService } from '../database/prisma.service';
import type { $Enums, CardAuthorization, CardRefund, Prisma } from '../generated/prisma/client';

type Db = Prisma.TransactionClient;
type Status = $Enums.AuthorizationStatus;

export interface NewAuthorization {
  readonly id: string;
  readonly cardId: string;
  readonly accountId: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly amountMinor: bigint;
  readonly currency: Currency;
  readonly merchantName: string;
  readonly merchantCategoryCode: string;
  readonly merchantCountry: string;
  readonly status: 'pending' | 'declined';
  readonly declineReason: string | null;
  readonly responseCode: string | null;
  readonly expiresAt: Date;
  readonly correlationId: string;
}

export const OUTCOME_CHANNEL = 'card_authorization_outcome';

@Injectable()
export class AuthorizationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(id: string, db: Db = this.prisma): Promise<CardAuthorization | null> {
    return db.cardAuthorization.findUnique({ where: { id } });
  }

  findByIdempotencyKey(key: string): Promise<CardAuthorization | null> {
    return this.prisma.cardAuthorization.findUnique({ where: { idempotencyKey: key } });
  }

  /** The authorization, row-locked until the transaction ends: one step of its saga at a time. */
  async lock(tx: Db, id: string): Promise<CardAuthorization | null> {
    await tx.$executeRaw`SELECT 1 FROM card_authorization WHERE id = ${id}::uuid FOR UPDATE`;
    return this.find(id, tx);
  }

  /** False when the idempotency key is taken (a retry that raced this one): nothing was written. */
  async insert(tx: Db, authorization: NewAuthorization): Promise<boolean> {
    // ON CONFLICT DO NOTHING: a unique violation would abort the whole transaction
    const { count } = await tx.cardAuthorization.createMany({ data: [authorization], skipDuplicates: true });
    return count === 1;
  }

  /** What the card authorized today (UTC) and may still be charged: declined, reversed and expired do not count. */
  async spentToday(tx: Db, cardId: string, now: Date): Promise<bigint> {
    const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const [row] = await tx.$queryRaw<{ total: bigint | null }[]>`
      SELECT sum(COALESCE(captured_minor, amount_minor))::bigint AS total FROM card_authorization
       WHERE card_id = ${cardId}::uuid AND created_at >= ${startOfDay}
         AND status NOT IN ('declined', 'reversed', 'expired', 'reversing', 'expiring')`;
    return BigInt(row?.total ?? 0);
  }

  /**
   * Moves the authorization from one status to the next, if it still is in `from`: the step happened once, and a
   * redelivered event finds nothing to move. Returns the updated row, or null.
   */
  async transition(
    tx: Db,
    id: string,
    from: Status,
    data: Prisma.CardAuthorizationUpdateManyMutationInput & { status: Status },
  ): Promise<CardAuthorization | null> {
    const { count } = await tx.cardAuthorization.updateMany({
      where: { id, status: from },
      data: { ...data, updatedAt: new Date() },
    });
    return count === 1 ? this.find(id, tx) : null;
  }

  /** Approved authorizations past their time, marked expiring (locked rows are skipped: another sweep has them). */
  async claimExpired(tx: Db, now: Date, limit: number): Promise<CardAuthorization[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE card_authorization SET status = 'expiring', updated_at = ${now}
       WHERE id IN (SELECT id FROM card_authorization
                     WHERE status = 'approved' AND expires_at <= ${now}
                     ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    return tx.cardAuthorization.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
  }

  /**
   * Authorizations waiting for the account's answer since before `before` (in flight: pending, capturing, reversing,
   * expiring), touched so the next sweep leaves them alone for a while; locked rows are skipped.
   */
  async claimStale(tx: Db, before: Date, now: Date, limit: number): Promise<CardAuthorization[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE card_authorization SET updated_at = ${now}
       WHERE id IN (SELECT id FROM card_authorization
                     WHERE status IN ('pending', 'capturing', 'reversing', 'expiring') AND updated_at < ${before}
                     ORDER BY updated_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    return tx.cardAuthorization.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
  }

  /** Refunds waiting for the account's credit since before `before`, with their authorizations; touched likewise. */
  async claimStaleRefunds(
    tx: Db,
    before: Date,
    now: Date,
    limit: number,
  ): Promise<(CardRefund & { authorization: CardAuthorization })[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE card_refund SET updated_at = ${now}
       WHERE id IN (SELECT id FROM card_refund WHERE status = 'pending' AND updated_at < ${before}
                     ORDER BY updated_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    return tx.cardRefund.findMany({
      where: { id: { in: rows.map((row) => row.id) } },
      include: { authorization: true },
    });
  }

  /** Wakes the requests waiting for this authorization's outcome, when the transaction commits. */
  async notifyOutcome(tx: Db, id: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_notify(${OUTCOME_CHANNEL}, ${id})`;
  }

  findRefund(id: string, db: Db = this.prisma): Promise<CardRefund | null> {
    return db.cardRefund.findUnique({ where: { id } });
  }

  findRefundByIdempotencyKey(key: string, db: Db = this.prisma): Promise<CardRefund | null> {
    return db.cardRefund.findUnique({ where: { idempotencyKey: key } });
  }

  async insertRefund(
    tx: Db,
    refund: Pick<CardRefund, 'id' | 'authorizationId' | 'idempotencyKey' | 'requestHash' | 'amountMinor'>,
  ): Promise<boolean> {
    const { count } = await tx.cardRefund.createMany({
      data: [{ ...refund, status: 'pending' }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  async addRefunded(tx: Db, id: string, amountMinor: bigint): Promise<void> {
    await tx.cardAuthorization.update({
      where: { id },
      data: { refundedMinor: { increment: amountMinor }, updatedAt: new Date() },
    });
  }

  async refundPosted(tx: Db, refundId: string, transactionId: string): Promise<CardRefund | null> {
    const { count } = await tx.cardRefund.updateMany({
      where: { id: refundId, status: 'pending' },
      data: { status: 'posted', transactionId, updatedAt: new Date() },
    });
    return count === 1 ? this.findRefund(refundId, tx) : null;
  }
}
