import { Injectable } from '@nestjs/common';
import type { Currency } from '@microbank/contracts';
import { PrismaService } from '../database/prisma.service';
import type { $Enums, Account, LedgerEntry, LedgerTransaction, Prisma } from '../generated/prisma/client';
import type { Posting } from './ledger-posting';

type Tx = Prisma.TransactionClient;

export interface LockedAccount {
  readonly id: string;
  readonly userId: string | null;
  readonly kind: $Enums.AccountKind;
  readonly iban: string | null;
  readonly currency: $Enums.Currency;
  readonly balanceMinor: bigint;
  readonly status: $Enums.AccountStatus;
}

interface LockedRow {
  id: string;
  user_id: string | null;
  kind: $Enums.AccountKind;
  iban: string | null;
  currency: $Enums.Currency;
  balance_minor: bigint | number | string;
  status: $Enums.AccountStatus;
}

export type EntryWithTransaction = LedgerEntry & { transaction: Pick<LedgerTransaction, 'reference'> };

@Injectable()
export class LedgerRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Row-locks the accounts a posting touches until the transaction ends. Always in id order, so two postings
   * over the same accounts queue behind each other instead of deadlocking.
   */
  async lockAccounts(tx: Tx, ids: readonly string[]): Promise<Map<string, LockedAccount>> {
    const sorted = [...new Set(ids)].sort();
    const rows = await tx.$queryRaw<LockedRow[]>`
      SELECT id::text AS id, user_id::text AS user_id, kind, iban, currency, balance_minor, status
        FROM account WHERE id = ANY(${sorted}::uuid[]) ORDER BY id FOR UPDATE`;
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          userId: row.user_id,
          kind: row.kind,
          iban: row.iban,
          currency: row.currency,
          balanceMinor: BigInt(row.balance_minor),
          status: row.status,
        },
      ]),
    );
  }

  findClearingAccount(tx: Tx, currency: Currency, slot: number): Promise<Pick<Account, 'id'> | null> {
    return tx.account.findFirst({ where: { kind: 'clearing', currency, clearingSlot: slot }, select: { id: true } });
  }

  /** Writes the posting's transaction and entries and sets each account's new balance (the caller holds the locks). */
  async record(
    tx: Tx,
    posting: Posting,
    balancesAfter: ReadonlyMap<string, bigint>,
    meta: { correlationId: string; postedAt: Date },
  ): Promise<void> {
    await tx.ledgerTransaction.create({
      data: {
        id: posting.transactionId,
        kind: posting.kind,
        currency: posting.currency,
        reference: posting.reference,
        correlationId: meta.correlationId,
        createdAt: meta.postedAt,
      },
    });
    await tx.ledgerEntry.createMany({
      data: posting.legs.map((leg) => ({
        transactionId: posting.transactionId,
        accountId: leg.accountId,
        kind: leg.kind,
        direction: leg.direction,
        amountMinor: leg.amountMinor,
        currency: posting.currency,
        balanceAfter: balancesAfter.get(leg.accountId)!,
        counterpartyIban: leg.counterpartyIban,
        createdAt: meta.postedAt,
      })),
    });
    for (const [accountId, balanceMinor] of balancesAfter) {
      await tx.account.update({ where: { id: accountId }, data: { balanceMinor } });
    }
  }

  /** An account's entries, newest first, strictly before the cursor entry. */
  listEntries(accountId: string, page: { before?: bigint; limit: number }): Promise<EntryWithTransaction[]> {
    return this.prisma.ledgerEntry.findMany({
      where: { accountId, ...(page.before !== undefined ? { id: { lt: page.before } } : {}) },
      orderBy: { id: 'desc' },
      take: page.limit,
      include: { transaction: { select: { reference: true } } },
    });
  }
}
