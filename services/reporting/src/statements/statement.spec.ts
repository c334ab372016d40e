import { describe, expect, it } from 'vitest';
import type { Account, MonthlySpending, StatementLine } from '../generated/prisma/client';
import { buildStatement } from './statement';
import { statementCsv } from './statement-csv';

const ACCOUNT: Account = {
  id: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
  userId: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
  iban: 'GB33MBNK00000012345678',
  currency: 'GBP',
  kind: 'current',
  openedAt: new Date('2026-04-01T00:00:00Z'),
};
const CARD = '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9';

let lineNo = 0;
function line(
  postedAt: string,
  direction: 'credit' | 'debit',
  amount: bigint,
  balance: bigint,
  more: Partial<StatementLine> = {},
): StatementLine {
  lineNo++;
  return {
    accountId: ACCOUNT.id,
    lineNo,
    eventId: `00000000-0000-4000-8000-${String(lineNo).padStart(12, '0')}`,
    transactionId: `10000000-0000-4000-8000-${String(lineNo).padStart(12, '0')}`,
    postedAt: new Date(postedAt),
    kind: direction === 'credit' ? 'deposit' : 'withdrawal',
    direction,
    amountMinor: amount,
    balanceAfterMinor: balance,
    currency: 'GBP',
    description: direction === 'credit' ? 'Deposit' : 'Withdrawal',
    cardId: null,
    merchantCategory: null,
    category: null,
    ...more,
  };
}

const spending = (category: MonthlySpending['category'], netMinor: bigint): MonthlySpending => ({
  accountId: ACCOUNT.id,
  month: '2026-05',
  category,
  currency: 'GBP',
  netMinor,
  payments: 1,
  refunds: 0,
});

const month = { month: '2026-05', from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') };

describe('buildStatement', () => {
  it('opens on the last balance before the month, closes on its last line and totals each direction', () => {
    const before = line('2026-04-30T23:59:59Z', 'credit', 10000n, 10000n);
    const lines = [
      line('2026-05-01T00:00:00Z', 'credit', 2500n, 12500n),
      line('2026-05-10T12:00:00Z', 'debit', 999n, 11501n, {
        kind: 'card_payment',
        cardId: CARD,
        description: 'Corner Books',
      }),
      line('2026-05-31T23:59:59Z', 'debit', 1n, 11500n),
    ];
    const statement = buildStatement({
      account: ACCOUNT,
      holder: 'Ada Lovelace',
      ...month,
      before,
      lines,
      cardDigits: new Map([[CARD, '4242']]),
      spending: [spending('shopping', 999n), spending('groceries', 2000n), spending('travel', -500n)],
    });
    expect(statement).toMatchObject({
      openingMinor: 10000n,
      closingMinor: 11500n,
      totalInMinor: 2500n,
      totalOutMinor: 1000n,
    });
    expect(statement.lines.map((l) => l.description)).toEqual([
      'Deposit',
      'Card •••• 4242 · Corner Books',
      'Withdrawal',
    ]);
    // the chart shows what was spent, largest first; a month of net refunds has no bar
    expect(statement.spending).toEqual([
      { category: 'groceries', netMinor: 2000n },
      { category: 'shopping', netMinor: 999n },
    ]);
  });

  it('opens at zero before the first line and closes where it opened in an empty month', () => {
    const empty = buildStatement({
      account: ACCOUNT,
      holder: null,
      ...month,
      before: null,
      lines: [],
      cardDigits: new Map(),
      spending: [],
    });
    expect(empty).toMatchObject({ openingMinor: 0n, closingMinor: 0n, totalInMinor: 0n, totalOutMinor: 0n });
  });

  it('leaves a card line without digits when the card was never announced', () => {
    const statement = buildStatement({
      account: ACCOUNT,
      holder: null,
      ...month,
      before: null,
      lines: [line('2026-05-02T00:00:00Z', 'debit', 5n, 0n, { cardId: CARD, description: 'Kiosk' })],
      cardDigits: new Map(),
      spending: [],
    });
    expect(statement.lines[0]?.description).toBe('Kiosk');
  });
});

describe('statementCsv', () => {
  it('writes signed exact decimals and escapes descriptions', () => {
    const statement = buildStatement({
      account: ACCOUNT,
      holder: null,
      ...month,
      before: null,
      lines: [
        line('2026-05-01T09:00:00Z', 'credit', 123456n, 123456n, { description: 'Salary, "May"' }),
        line('2026-05-02T09:00:00Z', 'debit', 5n, 123451n),
      ],
      cardDigits: new Map(),
      spending: [],
    });
    const [header, first, second, end] = statementCsv(statement).split('\r\n');
    expect(header).toBe('posted_at,transaction_id,kind,direction,description,amount,balance_after,currency');
    expect(first).toBe(
      `2026-05-01T09:00:00.000Z,${statement.lines[0]!.line.transactionId},deposit,credit,"Salary, ""May""",1234.56,1234.56,GBP`,
    );
    expect(second).toBe(
      `2026-05-02T09:00:00.000Z,${statement.lines[1]!.line.transactionId},withdrawal,debit,Withdrawal,-0.05,1234.51,GBP`,
    );
    expect(end).toBe('');
  });
});
