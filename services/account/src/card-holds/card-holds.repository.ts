import { Injectable } from '@nestjs/common';
import type { Currency, Merchant } from '@microbank/contracts';
import type { $Enums, CardRefund, Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

export interface HoldAccount {
  readonly id: string;
  readonly currency: $Enums.Currency;
  readonly status: $Enums.AccountStatus;
  /** Balance less holds: what a new hold may take. */
  readonly availableMinor: bigint;
}

export interface Hold {
  readonly authorizationId: string;
  readonly cardId: string;
  readonly accountId: string;
  readonly currency: Currency;
  readonly amountMinor: bigint;
  readonly status: $Enums.CardHoldStatus;
  readonly declineReason: string | null;
  readonly releaseReason: string | null;
  readonly merchant: Merchant;
  readonly captureId: string | null;
  readonly capturedMinor: bigint | null;
  readonly transactionId: string | null;
}

export interface NewHold {
  readonly authorizationId: string;
  readonly cardId: string;
  readonly accountId: string;
  readonly currency: Currency;
  readonly amountMinor: bigint;
  readonly status: 'held' | 'declined';
  readonly declineReason: string | null;
  readonly merchant: Merchant;
}

/**
 * Card holds and the account columns they move. Every method runs in the event handler's transaction; locks are
 * always taken account row first, then hold row, like the ledger's postings, so the two never deadlock.
 */
@Injectable()
export class CardHoldsRepository {
  /** The customer account, row-locked until the transaction ends. */
  async lockAccount(tx: Tx, accountId: string): Promise<HoldAccount | null> {
    const [row] = await tx.$queryRaw<
      { id: string; currency: $Enums.Currency; status: $Enums.AccountStatus; available: bigint }[]
    >`
      SELECT id, currency, status, balance_minor - held_minor AS available
        FROM account WHERE id = ${accountId}::uuid AND kind <> 'clearing' FOR UPDATE`;
    if (!row) return null;
    return {
      id: row.id,
      currency: row.currency,
      status: row.status,
      availableMinor: BigInt(row.available),
    };
  }

  /** The hold, row-locked: its account's row must be locked first. */
  async lockHold(tx: Tx, authorizationId: string): Promise<Hold | null> {
    const [row] = await tx.$queryRaw<{ authorization_id: string }[]>`
      SELECT authorization_id FROM card_hold WHERE authorization_id = ${authorizationId}::uuid FOR UPDATE`;
    if (!row) return null;
    return this.find(tx, authorizationId);
  }

  async find(tx: Tx, authorizationId: string): Promise<Hold | null> {
    const hold = await tx.cardHold.findUnique({ where: { authorizationId } });
    return hold && { ...hold, merchant: hold.merchant as unknown as Merchant };
  }

  /** False when a hold for this authorization exists already (a redelivered request). */
  async insert(tx: Tx, hold: NewHold): Promise<boolean> {
    const { count } = await tx.cardHold.createMany({
      data: [{ ...hold, merchant: { ...hold.merchant } }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  async addToHeld(tx: Tx, accountId: string, deltaMinor: bigint): Promise<void> {
    await tx.$executeRaw`UPDATE account SET held_minor = held_minor + ${deltaMinor} WHERE id = ${accountId}::uuid`;
  }

  async released(tx: Tx, authorizationId: string, reason: 'reversed' | 'expired'): Promise<Hold> {
    await tx.cardHold.update({
      where: { authorizationId },
      data: { status: 'released', releaseReason: reason, updatedAt: new Date() },
    });
    return (await this.find(tx, authorizationId))!;
  }

  async captured(
    tx: Tx,
    authorizationId: string,
    capture: { captureId: string; capturedMinor: bigint; transactionId: string },
  ): Promise<Hold> {
    await tx.cardHold.update({
      where: { authorizationId },
      data: { status: 'captured', ...capture, updatedAt: new Date() },
    });
    return (await this.find(tx, authorizationId))!;
  }

  async refundedMinor(tx: Tx, authorizationId: string): Promise<bigint> {
    const { _sum } = await tx.cardRefund.aggregate({ where: { authorizationId }, _sum: { amountMinor: true } });
    return _sum.amountMinor ?? 0n;
  }

  findRefund(tx: Tx, refundId: string): Promise<CardRefund | null> {
    return tx.cardRefund.findUnique({ where: { refundId } });
  }

  async insertRefund(
    tx: Tx,
    refund: { refundId: string; authorizationId: string; amountMinor: bigint; transactionId: string },
  ): Promise<CardRefund> {
    return tx.cardRefund.create({ data: refund });
  }
}
