import { formatMinor } from '../money/money-format';
import { toCsv } from './csv';
import type { Statement } from './statement';

export const STATEMENT_CSV_HEADER = [
  'posted_at',
  'transaction_id',
  'kind',
  'direction',
  'description',
  'amount',
  'balance_after',
  'currency',
] as const;

/** The month's lines as RFC 4180 CSV, amounts as exact decimals signed by direction (a debit is negative). */
export function statementCsv(s: Statement): string {
  return toCsv([
    STATEMENT_CSV_HEADER,
    ...s.lines.map(({ line, description }) => [
      line.postedAt.toISOString(),
      line.transactionId,
      line.kind,
      line.direction,
      description,
      formatMinor(line.direction === 'debit' ? -line.amountMinor : line.amountMinor, line.currency),
      formatMinor(line.balanceAfterMinor, line.currency),
      line.currency,
    ]),
  ]);
}
