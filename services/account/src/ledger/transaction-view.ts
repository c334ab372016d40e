import { money, moneySchema } from '@microbank/contracts';
import { z } from 'zod';
import type { LedgerEntry, LedgerTransaction } from '../generated/prisma/client';
import type { Direction, EntryKind } from './ledger-posting';

/** One posting as seen from one account: the API's transaction and the TransactionPosted payload (minus userId). */
export const transactionViewSchema = z.object({
  transactionId: z.uuid(),
  accountId: z.uuid(),
  kind: z.enum(['deposit', 'withdrawal', 'transfer_debit', 'transfer_credit'] satisfies EntryKind[]),
  direction: z.enum(['debit', 'credit'] satisfies Direction[]),
  amount: moneySchema,
  balanceAfter: moneySchema,
  counterpartyIban: z.string().nullable(),
  reference: z.string().nullable(),
  postedAt: z.iso.datetime(),
});
export type TransactionView = z.infer<typeof transactionViewSchema>;

export function toTransactionView(
  entry: LedgerEntry & { transaction: Pick<LedgerTransaction, 'reference'> },
): TransactionView {
  return {
    transactionId: entry.transactionId,
    accountId: entry.accountId,
    kind: entry.kind,
    direction: entry.direction,
    amount: money(entry.amountMinor, entry.currency),
    balanceAfter: money(entry.balanceAfter, entry.currency),
    counterpartyIban: entry.counterpartyIban,
    reference: entry.transaction.reference,
    postedAt: entry.createdAt.toISOString(),
  };
}
