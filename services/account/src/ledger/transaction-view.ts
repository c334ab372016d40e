import { money, type Currency, type Money } from '@microbank/contracts';
import type { LedgerEntry, LedgerTransaction } from '../generated/prisma/client';
import type { Direction, EntryKind } from './ledger-posting';

/** One posting as seen from one account: the API's transaction and the TransactionPosted payload (minus userId). */
export interface TransactionView {
  readonly transactionId: string;
  readonly accountId: string;
  readonly kind: EntryKind;
  readonly direction: Direction;
  readonly amount: Money;
  readonly balanceAfter: Money;
  readonly counterpartyIban: string | null;
  readonly reference: string | null;
  readonly postedAt: string;
}

export function toTransactionView(
  entry: LedgerEntry & { transaction: Pick<LedgerTransaction, 'reference'> },
): TransactionView {
  const currency = entry.currency as Currency;
  return {
    transactionId: entry.transactionId,
    accountId: entry.accountId,
    kind: entry.kind as EntryKind,
    direction: entry.direction as Direction,
    amount: money(entry.amountMinor, currency),
    balanceAfter: money(entry.balanceAfter, currency),
    counterpartyIban: entry.counterpartyIban,
    reference: entry.transaction.reference,
    postedAt: entry.createdAt.toISOString(),
  };
}
