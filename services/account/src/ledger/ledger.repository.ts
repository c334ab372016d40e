import { Injectable } from '@nestjs/common';
import type { Currency } from '@microbank/contracts';
import type { SqlTransaction } from '@microbank/database';
import { PrismaService } from '../database/prisma.service';
import type { $Enums, LedgerEntry, LedgerTransaction, Prisma } from '../generated/prisma/client';
import type { Posting } from './ledger-posting';

/** A request's transaction (SqlClient, the hot path) or an event handler's (Prisma, shared with the inbox). */
export type LedgerTx = SqlTransaction | Prisma.TransactionClient;

export interface LockedAccount {
  readonly id: string;
  readonly userId: string | null;
  readonly kind: $Enums.AccountKind;
  readonly iban: string | null;
  readonly currency: $Enums.Currency;
  readonly balanceMinor: bigint;
  /** Set aside for card authorizations: not available to debit. */
  readonly heldMinor: bigint;
  readonly status: $Enums.AccountStatus;
}

interface LockedRow {
  id: string;
  user_id: string | null;
  kind: $Enums.AccountKind;
  iban: string | null;
  currency: $Enums.Currency;
  balance_minor: string | bigint;
  held_minor: string | bigint;
  status: $Enums.AccountStatus;
}

export type EntryWithTransaction = LedgerEntry & { transaction: Pick<LedgerTransaction, 'reference' | 'card'> };

/**
 * The ledger's tables. Requests post on a SqlTransaction, not Prisma: they are the bank's hottest path, and every
 * statement sent while the row locks are held makes the locks last longer (docs/profiling-money-movements.md).
 * Card captures and refunds post inside their event handler's Prisma transaction, which also records the event in
 * the inbox; the statements are the same raw SQL. Reads stay on Prisma.
 *
 * Both lock methods find the accounts and lock them in one statement, always in id order, so two postings over
 * the same accounts queue behind each other instead of deadlocking; the locks last until the transaction ends.
 */
@Injectable()
export class LedgerRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Locks the account (if it exists) and the clearing account of its slot in the currency. */
  async lockForCashMovement(
    tx: LedgerTx,
    accountId: string,
    currency: Currency,
    clearingSlot: number,
  ): Promise<LockedAccount[]> {
    const rows = await tx.$queryRaw<LockedRow[]>`
      SELECT id, user_id, kind, iban, currency, balance_minor, held_minor, status
        FROM account
       WHERE id = ${accountId}::uuid
          OR (kind = 'clearing' AND currency = ${currency}::"Currency" AND clearing_slot = ${clearingSlot})
       ORDER BY id FOR UPDATE`;
    return rows.map(lockedAccount);
  }

  /** Locks the customer accounts with this id and this IBAN (if they exist; one account if both name it). */
  async lockForTransfer(tx: LedgerTx, fromAccountId: string, toIban: string): Promise<LockedAccount[]> {
    const rows = await tx.$queryRaw<LockedRow[]>`
      SELECT id, user_id, kind, iban, currency, balance_minor, held_minor, status
        FROM account
       WHERE (id = ${fromAccountId}::uuid OR iban = ${toIban}) AND kind <> 'clearing'
       ORDER BY id FOR UPDATE`;
    return rows.map(lockedAccount);
  }

  /**
   * Writes the posting's transaction and entries and sets each account's new balance, in one statement (the
   * caller holds the locks). The entries reference the transaction inserted beside them: foreign keys are
   * checked at the end of the statement.
   */
  async record(
    tx: LedgerTx,
    posting: Posting,
    balancesAfter: ReadonlyMap<string, bigint>,
    meta: { correlationId: string; postedAt: Date },
  ): Promise<void> {
    const { legs } = posting;
    await tx.$executeRaw`
      WITH posted AS (
        INSERT INTO ledger_transaction (id, kind, currency, reference, correlation_id, card, created_at)
        VALUES (${posting.transactionId}::uuid, ${posting.kind}::"TransactionKind", ${posting.currency}::"Currency",
                ${posting.reference}, ${meta.correlationId},
                ${posting.card ? JSON.stringify(posting.card) : null}::jsonb, ${meta.postedAt})
      ), entries AS (
        INSERT INTO ledger_entry
          (transaction_id, account_id, kind, direction, amount_minor, currency, balance_after, counterparty_iban, created_at)
        SELECT ${posting.transactionId}::uuid, leg.account_id, leg.kind, leg.direction, leg.amount_minor,
               ${posting.currency}::"Currency", leg.balance_after, leg.counterparty_iban, ${meta.postedAt}
          FROM unnest(${legs.map((l) => l.accountId)}::uuid[], ${legs.map((l) => l.kind)}::"EntryKind"[],
                      ${legs.map((l) => l.direction)}::"EntryDirection"[], ${legs.map((l) => l.amountMinor)}::bigint[],
                      ${legs.map((l) => balancesAfter.get(l.accountId)!)}::bigint[],
                      ${legs.map((l) => l.counterpartyIban)}::text[])
               WITH ORDINALITY
               AS leg (account_id, kind, direction, amount_minor, balance_after, counterparty_iban, position)
         ORDER BY leg.position
      )
      UPDATE account SET balance_minor = after.balance_minor
        FROM unnest(${[...balancesAfter.keys()]}::uuid[], ${[...balancesAfter.values()]}::bigint[])
             AS after (id, balance_minor)
       WHERE account.id = after.id`;
  }

  /** An account's entries, newest first, strictly before the cursor entry. */
  listEntries(accountId: string, page: { before?: bigint; limit: number }): Promise<EntryWithTransaction[]> {
    return this.prisma.ledgerEntry.findMany({
      where: { accountId, ...(page.before !== undefined ? { id: { lt: page.before } } : {}) },
      orderBy: { id: 'desc' },
      take: page.limit,
      include: { transaction: { select: { reference: true, card: true } } },
    });
  }
}

function lockedAccount(row: LockedRow): LockedAccount {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    iban: row.iban,
    currency: row.currency,
    balanceMinor: BigInt(row.balance_minor),
    heldMinor: BigInt(row.held_minor),
    status: row.status,
  };
}
