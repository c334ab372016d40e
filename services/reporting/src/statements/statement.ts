import type { Currency } from '@microbank/contracts';
import type { Account, MonthlySpending, StatementLine } from '../generated/prisma/client';
import type { SpendingCategory } from '../generated/prisma/enums';

/** One month of an account, however it is rendered (JSON, CSV, PDF). */
export interface Statement {
  readonly account: Account;
  readonly holder: string | null;
  /** YYYY-MM, a UTC month: [from, to). */
  readonly month: string;
  readonly from: Date;
  readonly to: Date;
  readonly currency: Currency;
  readonly openingMinor: bigint;
  readonly closingMinor: bigint;
  readonly totalInMinor: bigint;
  readonly totalOutMinor: bigint;
  readonly lines: readonly StatementEntry[];
  /** The month's card spending per category, payments minus refunds, largest first. */
  readonly spending: readonly { readonly category: SpendingCategory; readonly netMinor: bigint }[];
}

export interface StatementEntry {
  readonly line: StatementLine;
  /** The line's description with its card, "Card •••• 1234 · Corner Books", when the card is known. */
  readonly description: string;
}

/** Opening, lines, closing and totals of a month, from the account's lines. */
export function buildStatement(input: {
  account: Account;
  holder: string | null;
  month: string;
  from: Date;
  to: Date;
  before: StatementLine | null;
  lines: readonly StatementLine[];
  cardDigits: ReadonlyMap<string, string>;
  spending: readonly MonthlySpending[];
}): Statement {
  const { account, lines } = input;
  const openingMinor = input.before?.balanceAfterMinor ?? 0n;
  const sum = (direction: 'credit' | 'debit') =>
    lines.filter((l) => l.direction === direction).reduce((total, l) => total + l.amountMinor, 0n);
  return {
    account,
    holder: input.holder,
    month: input.month,
    from: input.from,
    to: input.to,
    currency: account.currency,
    openingMinor,
    closingMinor: lines.at(-1)?.balanceAfterMinor ?? openingMinor,
    totalInMinor: sum('credit'),
    totalOutMinor: sum('debit'),
    lines: lines.map((line) => {
      const digits = line.cardId ? input.cardDigits.get(line.cardId) : undefined;
      return { line, description: digits ? `Card •••• ${digits} · ${line.description}` : line.description };
    }),
    spending: input.spending
      .filter((s) => s.netMinor > 0n)
      .map((s) => ({ category: s.category, netMinor: s.netMinor }))
      .sort((a, b) =>
        a.netMinor === b.netMinor ? a.category.localeCompare(b.category) : a.netMinor > b.netMinor ? -1 : 1,
      ),
  };
}
