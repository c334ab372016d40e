import { TRANSACTION_KINDS_V2, currencySchema, money, moneySchema } from '@microbank/contracts';
import { z } from 'zod';
import { monthSchema } from '../calendar/calendar';
import type { Statement } from './statement';

export const statementLineViewSchema = z.object({
  lineNo: z.int().describe("the line's number on the account, from 1"),
  postedAt: z.iso.datetime(),
  transactionId: z.uuid(),
  kind: z.enum(TRANSACTION_KINDS_V2),
  direction: z.enum(['credit', 'debit']),
  amount: moneySchema,
  balanceAfter: moneySchema.describe("the account's balance after this line, as the account service posted it"),
  description: z.string().describe('the merchant (with the card), the reference and counterparty IBAN, or the kind'),
});

/** A month of an account as JSON. */
export const statementViewSchema = z.object({
  accountId: z.uuid(),
  iban: z.string(),
  currency: currencySchema,
  holder: z.object({ userId: z.uuid(), fullName: z.string().nullable() }),
  month: monthSchema,
  from: z.iso.datetime().describe('the first instant of the UTC month'),
  to: z.iso.datetime().describe('the first instant after it'),
  openingBalance: moneySchema.describe('the balance after the last line before the month (0 if none)'),
  closingBalance: moneySchema.describe("the balance after the month's last line (the opening one if none)"),
  totalIn: moneySchema,
  totalOut: moneySchema,
  lines: z.array(statementLineViewSchema),
});
export type StatementView = z.infer<typeof statementViewSchema>;

export function toStatementView(s: Statement): StatementView {
  return {
    accountId: s.account.id,
    iban: s.account.iban,
    currency: s.currency,
    holder: { userId: s.account.userId, fullName: s.holder },
    month: s.month,
    from: s.from.toISOString(),
    to: s.to.toISOString(),
    openingBalance: money(s.openingMinor, s.currency),
    closingBalance: money(s.closingMinor, s.currency),
    totalIn: money(s.totalInMinor, s.currency),
    totalOut: money(s.totalOutMinor, s.currency),
    lines: s.lines.map(({ line, description }) => ({
      lineNo: line.lineNo,
      postedAt: line.postedAt.toISOString(),
      transactionId: line.transactionId,
      kind: line.kind,
      direction: line.direction,
      amount: money(line.amountMinor, line.currency),
      balanceAfter: money(line.balanceAfterMinor, line.currency),
      description,
    })),
  };
}
