import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, Merchant } from '@microbank/contracts';
import { ReportingTestApp, type TestAccount, type TestUser } from './reporting-test-app';

const at = (iso: string) => new Date(iso);
const eur = (amountMinor: string) => ({ amountMinor, currency: 'EUR' });
const LANDLORD = 'DE89370400440532013000';
const FRIEND = 'FR7630006000011234567890189';
const merchant = (name: string, categoryCode: string): Merchant => ({ name, categoryCode, country: 'FR' });

describe('statements, spending and the daily report', () => {
  let app: ReportingTestApp;
  let owner: TestUser;
  let analyst: TestUser;
  let stranger: TestUser;
  let account: TestAccount;
  let other: TestAccount;
  let transactions: string[];

  beforeAll(async () => {
    app = await ReportingTestApp.start();
    owner = await app.user('customer');
    analyst = await app.user('analyst');
    stranger = await app.user('customer');
    // opened the month before the statement's, with a deposit that becomes May's opening balance
    account = await app.account(at('2026-04-10T09:00:00Z'), {
      userId: owner.userId,
      fullName: 'Ada Lovelace',
      iban: 'FR7612345678901234567890123',
    });
    other = await app.account(at('2026-04-12T09:00:00Z'), { userId: stranger.userId, currency: 'GBP' });
    const cardId = await app.card(account, at('2026-04-11T09:00:00Z'), '4242');
    const card = (m: Merchant) => ({ cardId, merchant: m });
    const zara = merchant('Zara', '5651');
    const events: EventEnvelope[] = [
      await app.post(account, at('2026-04-15T10:00:00Z'), { kind: 'deposit', amountMinor: 100000n }),
      await app.post(account, at('2026-05-01T08:00:00Z'), {
        kind: 'deposit',
        amountMinor: 250000n,
        reference: 'Salary, May',
        counterpartyIban: LANDLORD,
      }),
      await app.post(account, at('2026-05-02T12:15:00Z'), {
        kind: 'card_payment',
        amountMinor: 5430n,
        card: card(merchant('Carrefour Market', '5411')),
      }),
      await app.post(account, at('2026-05-03T20:40:00Z'), {
        kind: 'card_payment',
        amountMinor: 2350n,
        card: card(merchant('Le "Petit" Bistro, Paris', '5812')),
      }),
      await app.post(account, at('2026-05-05T09:00:00Z'), {
        kind: 'transfer_debit',
        amountMinor: 80000n,
        reference: 'Rent, May',
        counterpartyIban: LANDLORD,
      }),
      await app.post(account, at('2026-05-07T16:00:00Z'), {
        kind: 'card_payment',
        amountMinor: 12000n,
        card: card(zara),
      }),
      await app.post(account, at('2026-05-09T11:00:00Z'), {
        kind: 'card_refund',
        amountMinor: 4000n,
        card: card(zara),
      }),
      // from before v2: a card payment that names no merchant
      await app.post(account, at('2026-05-12T19:00:00Z'), {
        kind: 'card_payment',
        amountMinor: 1500n,
        reference: 'Cinema ticket',
        version: 1,
      }),
      await app.post(account, at('2026-05-20T07:30:00Z'), { kind: 'withdrawal', amountMinor: 10000n }),
      await app.post(account, at('2026-05-31T23:30:00Z'), {
        kind: 'transfer_credit',
        amountMinor: 4500n,
        reference: 'Dinner share',
        counterpartyIban: FRIEND,
      }),
      // the first minute of June belongs to June's statement
      await app.post(account, at('2026-06-01T00:10:00Z'), {
        kind: 'card_payment',
        amountMinor: 1000n,
        card: card(merchant('RATP', '4111')),
      }),
      await app.post(other, at('2026-05-03T10:00:00Z'), { kind: 'deposit', amountMinor: 5000n }),
      await app.alert(account, at('2026-05-02T12:16:00Z'), 'velocity', 'medium'),
      await app.alert(account, at('2026-05-02T13:00:00Z'), 'velocity', 'medium'),
      await app.alert(account, at('2026-05-02T23:59:59Z'), 'large-amount', 'high'),
      await app.alert(other, at('2026-05-03T00:00:00Z'), 'structuring', 'medium'),
    ];
    await app.handled(...events);
    transactions = events.map((e) => (e.payload as { transactionId?: string }).transactionId ?? '');
  });

  afterAll(() => app?.stop());

  const statement = (token: string, month = '2026-05', accept?: string, id = account.accountId) =>
    app.request('GET', `/v1/accounts/${id}/statements/${month}`, {
      token,
      headers: accept ? { accept } : {},
    });

  it("gives the owner the month's opening balance, lines in order, closing balance and totals as JSON", async () => {
    const response = await statement(owner.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      accountId: account.accountId,
      iban: 'FR7612345678901234567890123',
      currency: 'EUR',
      holder: { userId: owner.userId, fullName: 'Ada Lovelace' },
      month: '2026-05',
      from: '2026-05-01T00:00:00.000Z',
      to: '2026-06-01T00:00:00.000Z',
      openingBalance: eur('100000'),
      closingBalance: eur('247220'),
      totalIn: eur('258500'),
      totalOut: eur('111280'),
      lines: [
        line(
          2,
          '2026-05-01T08:00:00.000Z',
          transactions[1]!,
          'deposit',
          'credit',
          '250000',
          '350000',
          `Salary, May · ${LANDLORD}`,
        ),
        line(
          3,
          '2026-05-02T12:15:00.000Z',
          transactions[2]!,
          'card_payment',
          'debit',
          '5430',
          '344570',
          'Card •••• 4242 · Carrefour Market',
        ),
        line(
          4,
          '2026-05-03T20:40:00.000Z',
          transactions[3]!,
          'card_payment',
          'debit',
          '2350',
          '342220',
          'Card •••• 4242 · Le "Petit" Bistro, Paris',
        ),
        line(
          5,
          '2026-05-05T09:00:00.000Z',
          transactions[4]!,
          'transfer_debit',
          'debit',
          '80000',
          '262220',
          `Rent, May · ${LANDLORD}`,
        ),
        line(
          6,
          '2026-05-07T16:00:00.000Z',
          transactions[5]!,
          'card_payment',
          'debit',
          '12000',
          '250220',
          'Card •••• 4242 · Zara',
        ),
        line(
          7,
          '2026-05-09T11:00:00.000Z',
          transactions[6]!,
          'card_refund',
          'credit',
          '4000',
          '254220',
          'Card •••• 4242 · Zara',
        ),
        line(
          8,
          '2026-05-12T19:00:00.000Z',
          transactions[7]!,
          'card_payment',
          'debit',
          '1500',
          '252720',
          'Cinema ticket',
        ),
        line(9, '2026-05-20T07:30:00.000Z', transactions[8]!, 'withdrawal', 'debit', '10000', '242720', 'Withdrawal'),
        line(
          10,
          '2026-05-31T23:30:00.000Z',
          transactions[9]!,
          'transfer_credit',
          'credit',
          '4500',
          '247220',
          `Dinner share · ${FRIEND}`,
        ),
      ],
    });
  });

  it('opens a month without lines on the last balance before it and closes it there', async () => {
    const body = (await (await statement(owner.token, '2026-07')).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      openingBalance: eur('246220'),
      closingBalance: eur('246220'),
      totalIn: eur('0'),
      totalOut: eur('0'),
      lines: [],
    });
    const before = (await (await statement(owner.token, '2026-03')).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ openingBalance: eur('0'), closingBalance: eur('0'), lines: [] });
  });

  it('writes the statement as RFC 4180 CSV with exact decimal amounts when asked for text/csv', async () => {
    const response = await statement(owner.token, '2026-05', 'text/csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="statement-FR7612345678901234567890123-2026-05.csv"',
    );
    const t = transactions;
    expect(await response.text()).toBe(
      [
        'posted_at,transaction_id,kind,direction,description,amount,balance_after,currency',
        `2026-05-01T08:00:00.000Z,${t[1]},deposit,credit,"Salary, May · ${LANDLORD}",2500.00,3500.00,EUR`,
        `2026-05-02T12:15:00.000Z,${t[2]},card_payment,debit,Card •••• 4242 · Carrefour Market,-54.30,3445.70,EUR`,
        `2026-05-03T20:40:00.000Z,${t[3]},card_payment,debit,"Card •••• 4242 · Le ""Petit"" Bistro, Paris",-23.50,3422.20,EUR`,
        `2026-05-05T09:00:00.000Z,${t[4]},transfer_debit,debit,"Rent, May · ${LANDLORD}",-800.00,2622.20,EUR`,
        `2026-05-07T16:00:00.000Z,${t[5]},card_payment,debit,Card •••• 4242 · Zara,-120.00,2502.20,EUR`,
        `2026-05-09T11:00:00.000Z,${t[6]},card_refund,credit,Card •••• 4242 · Zara,40.00,2542.20,EUR`,
        `2026-05-12T19:00:00.000Z,${t[7]},card_payment,debit,Cinema ticket,-15.00,2527.20,EUR`,
        `2026-05-20T07:30:00.000Z,${t[8]},withdrawal,debit,Withdrawal,-100.00,2427.20,EUR`,
        `2026-05-31T23:30:00.000Z,${t[9]},transfer_credit,credit,Dinner share · ${FRIEND},45.00,2472.20,EUR`,
        '',
      ].join('\r\n'),
    );
  });

  it('renders a PDF that holds the holder, the balances, the totals and the spending chart', async () => {
    const response = await statement(owner.token, '2026-05', 'application/pdf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="statement-FR7612345678901234567890123-2026-05.pdf"',
    );
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text.total).toBe(1);
    for (const expected of [
      'Microbank',
      'Ada Lovelace',
      'FR7612345678901234567890123',
      'Statement for 2026-05 (UTC)',
      'Opening balance',
      '1,000.00 EUR',
      'Closing balance',
      '2,472.20 EUR',
      '2,585.00 EUR', // money in
      '1,112.80 EUR', // money out
      'Spending by category',
      'groceries',
      '54.30 EUR',
      'shopping',
      '80.00 EUR',
      'Carrefour Market',
    ]) {
      expect(text.text).toContain(expected);
    }
  });

  it('continues a long statement on further pages, repeating the table header, numbering the pages', async () => {
    const busy = await app.account(at('2026-08-01T00:00:00Z'), { userId: owner.userId });
    const events: EventEnvelope[] = [];
    for (let i = 0; i < 70; i++) {
      const when = new Date(Date.UTC(2026, 7, 2, 8, i));
      events.push(await app.post(busy, when, { kind: 'deposit', amountMinor: 100n, reference: `Deposit ${i + 1}` }));
    }
    await app.handled(...events);
    const response = await statement(owner.token, '2026-08', 'application/pdf', busy.accountId);
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text.total).toBeGreaterThanOrEqual(2);
    expect(text.text).toContain('Deposit 70');
    expect(text.text.match(/Balance \(EUR\)/g)?.length).toBe(text.total);
    expect(text.text).toContain(`page ${text.total} of ${text.total}`);
  });

  it('adds card payments and takes away refunds per month and category', async () => {
    const response = await app.request('GET', `/v1/accounts/${account.accountId}/spending?from=2026-04&to=2026-06`, {
      token: owner.token,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      accountId: account.accountId,
      currency: 'EUR',
      from: '2026-04',
      to: '2026-06',
      months: [
        { month: '2026-04', total: eur('0'), categories: [] },
        {
          month: '2026-05',
          total: eur('17280'),
          categories: [
            { category: 'groceries', net: eur('5430'), payments: 1, refunds: 0 },
            { category: 'restaurants', net: eur('2350'), payments: 1, refunds: 0 },
            { category: 'shopping', net: eur('8000'), payments: 1, refunds: 1 },
            { category: 'other', net: eur('1500'), payments: 1, refunds: 0 },
          ],
        },
        {
          month: '2026-06',
          total: eur('1000'),
          categories: [{ category: 'transport', net: eur('1000'), payments: 1, refunds: 0 }],
        },
      ],
    });
  });

  it("gives analysts the bank's daily postings per currency, kind and direction, and alerts per rule", async () => {
    const response = await app.request('GET', '/v1/reports/daily?from=2026-05-01&to=2026-05-04', {
      token: analyst.token,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      from: '2026-05-01',
      to: '2026-05-04',
      days: [
        {
          day: '2026-05-01',
          postings: [{ currency: 'EUR', kind: 'deposit', direction: 'credit', count: 1, amount: eur('250000') }],
          alerts: [],
        },
        {
          day: '2026-05-02',
          postings: [{ currency: 'EUR', kind: 'card_payment', direction: 'debit', count: 1, amount: eur('5430') }],
          alerts: [
            { rule: 'large-amount', severity: 'high', count: 1 },
            { rule: 'velocity', severity: 'medium', count: 2 },
          ],
        },
        {
          day: '2026-05-03',
          postings: [
            { currency: 'EUR', kind: 'card_payment', direction: 'debit', count: 1, amount: eur('2350') },
            {
              currency: 'GBP',
              kind: 'deposit',
              direction: 'credit',
              count: 1,
              amount: { amountMinor: '5000', currency: 'GBP' },
            },
          ],
          alerts: [{ rule: 'structuring', severity: 'medium', count: 1 }],
        },
        { day: '2026-05-04', postings: [], alerts: [] },
      ],
    });
  });

  it('refuses the daily report to customers', async () => {
    const response = await app.request('GET', '/v1/reports/daily?from=2026-05-01&to=2026-05-04', {
      token: owner.token,
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it("lets analysts read any account's statement, and answers 404 for another customer's or an unknown one", async () => {
    expect((await statement(analyst.token)).status).toBe(200);
    expect((await statement(stranger.token)).status).toBe(404);
    expect((await statement(owner.token, '2026-05', undefined, other.accountId)).status).toBe(404);
    expect((await statement(owner.token, '2026-05', undefined, '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b')).status).toBe(
      404,
    );
    expect((await statement(owner.token, '2026-05', undefined, 'not-an-id')).status).toBe(404);
    const spending = await app.request('GET', `/v1/accounts/${account.accountId}/spending?from=2026-05&to=2026-05`, {
      token: stranger.token,
    });
    expect(spending.status).toBe(404);
  });

  it('answers 422 naming the field for a bad month or range', async () => {
    const badMonth = await statement(owner.token, '2026-13');
    expect(badMonth.status).toBe(422);
    expect(await badMonth.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'month' })] });
    // well-formed, but outside what PostgreSQL's dates hold (no year 0; the end of 9999-12 is in year 10000)
    for (const month of ['0000-01', '9999-12']) expect((await statement(owner.token, month)).status, month).toBe(422);
    for (const query of [
      'from=2026-06&to=2026-05',
      'from=2024-01&to=2026-05',
      'from=2026-5&to=2026-06',
      'from=2026-05',
    ]) {
      const response = await app.request('GET', `/v1/accounts/${account.accountId}/spending?${query}`, {
        token: owner.token,
      });
      expect(response.status, query).toBe(422);
    }
    for (const query of [
      'from=2026-05-04&to=2026-05-01',
      'from=2026-01-01&to=2026-12-31',
      'from=2026-02-30&to=2026-03-01',
      'from=0000-01-01&to=0000-01-02',
    ]) {
      const response = await app.request('GET', `/v1/reports/daily?${query}`, { token: analyst.token });
      expect(response.status, query).toBe(422);
    }
  });

  it('answers 406 for a representation it does not make', async () => {
    const response = await statement(owner.token, '2026-05', 'image/png');
    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({ status: 406, title: 'Not acceptable' });
  });
});

function line(
  lineNo: number,
  postedAt: string,
  transactionId: string,
  kind: string,
  direction: string,
  amountMinor: string,
  balanceMinor: string,
  description: string,
) {
  return {
    lineNo,
    postedAt,
    transactionId,
    kind,
    direction,
    amount: eur(amountMinor),
    balanceAfter: eur(balanceMinor),
    description,
  };
}

async function pdfText(data: Buffer): Promise<{ text: string; total: number }> {
  const parser = new PDFParse({ data });
  try {
    const result = await parser.getText();
    return { text: result.text, total: result.total };
  } finally {
    await parser.destroy();
  }
}
