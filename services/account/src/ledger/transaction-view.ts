import { merchantSchema, money, moneySchema } from '@microbank/contracts';
import { z } from 'zod';
import type { LedgerEntry, LedgerTransaction } from '../generated/prisma/client';
import type { CardReference, Direction, EntryKind } from './ledger-posting';

/** One posting as seen from one account: the API's transaction and the TransactionPosted payload (minus userId). */
export const transactionViewSchema = z.object({
  transactionId: z.uuid(),
  accountId: z.uuid(),
  kind: z.enum([
    'deposit',
    'withdrawal',
    'transfer_debit',
    'transfer_credit',
    'card_payment',
    'card_refund',
  ] satisfies EntryKind[]),
  direction: z.enum(['debit', 'credit'] satisfies Direction[]),
  amount: moneySchema,
  balanceAfter: moneySchema,
  counterpartyIban: z.string().nullable(),
  reference: z.string().nullable(),
  card: z
    .object({ cardId: z.uuid(), authorizationId: z.uuid(), merchant: merchantSchema })
    .nullable()
    .describe('the card payment or refund this posting settles'),
  postedAt: z.iso.datetime(),
});
export type TransactionView = z.infer<typeof transactionViewSchema>;

export function toTransactionView(
  entry: LedgerEntry & { transaction: Pick<LedgerTransaction, 'reference' | 'card'> },
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
    card: (entry.transaction.card as CardReference | null) ?? null,
    postedAt: entry.createdAt.toISOString(),
  };
}
