import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountTestApp, type AccountJson, type TestUser } from './account-test-app';

const ACCOUNTS = 10;
const TRANSFERS = 200;
const OPENING_BALANCE = 10_000n;

describe('transfers under concurrency', () => {
  let svc: AccountTestApp;

  beforeAll(async () => {
    svc = await AccountTestApp.start();
  });

  afterAll(() => svc?.stop());

  it('keeps the total, never overdraws, and balances every posting with 200 concurrent transfers', async () => {
    const holders: { user: TestUser; account: AccountJson }[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const user = await svc.user();
      const account = await svc.openSavings(user);
      const deposit = await svc.move(`/v1/accounts/${account.id}/deposits`, user, {
        amountMinor: OPENING_BALANCE.toString(),
        currency: 'EUR',
      });
      expect(deposit.status).toBe(201);
      holders.push({ user, account });
    }
    const ids = holders.map((h) => h.account.id);

    // random pairs and amounts up to a third of an opening balance: some transfers must be declined
    const responses = await Promise.all(
      Array.from({ length: TRANSFERS }, () => {
        const from = randomInt(ACCOUNTS);
        const to = (from + 1 + randomInt(ACCOUNTS - 1)) % ACCOUNTS;
        return svc.move('/v1/transfers', holders[from]!.user, {
          fromAccountId: holders[from]!.account.id,
          toIban: holders[to]!.account.iban,
          amountMinor: String(1 + randomInt(Number(OPENING_BALANCE / 3n))),
          currency: 'EUR',
        });
      }),
    );
    const statuses = responses.map((r) => r.status);
    // every transfer either went through or was declined for insufficient funds: no 5xx, no deadlock
    expect(statuses.filter((s) => s !== 201 && s !== 422)).toEqual([]);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);

    const balances = await Promise.all(
      holders.map(async (h) => BigInt((await svc.account(h.user, h.account.id)).balance.amountMinor)),
    );
    expect(balances.reduce((a, b) => a + b, 0n)).toBe(OPENING_BALANCE * BigInt(ACCOUNTS));
    expect(balances.every((b) => b >= 0n)).toBe(true);

    // the ledger agrees: each posting balances, and each stored balance is the sum of its entries
    const unbalanced = await svc.db.query(
      `SELECT e.transaction_id FROM ledger_entry e
        WHERE e.transaction_id IN (SELECT transaction_id FROM ledger_entry WHERE account_id = ANY($1::uuid[]))
        GROUP BY e.transaction_id
       HAVING sum(CASE WHEN e.direction = 'debit' THEN e.amount_minor ELSE 0 END)
           <> sum(CASE WHEN e.direction = 'credit' THEN e.amount_minor ELSE 0 END)`,
      [ids],
    );
    expect(unbalanced.rows).toEqual([]);
    const drift = await svc.db.query(
      `SELECT a.id FROM account a
         JOIN ledger_entry e ON e.account_id = a.id
        WHERE a.id = ANY($1::uuid[])
        GROUP BY a.id, a.balance_minor
       HAVING a.balance_minor <> sum(CASE WHEN e.direction = 'credit' THEN e.amount_minor ELSE -e.amount_minor END)`,
      [ids],
    );
    expect(drift.rows).toEqual([]);
    const transfers = await svc.db.query<{ n: string }>(
      `SELECT count(DISTINCT transaction_id) AS n FROM ledger_entry WHERE account_id = ANY($1::uuid[]) AND kind = 'transfer_debit'`,
      [ids],
    );
    expect(Number(transfers.rows[0]!.n)).toBe(statuses.filter((s) => s === 201).length);
  });

  it('spreads concurrent deposits and withdrawals over the clearing accounts, and every currency still sums to zero', async () => {
    const holders = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const user = await svc.user();
        return { user, account: await svc.openSavings(user) };
      }),
    );
    const responses = await Promise.all(
      holders.flatMap(({ user, account }) => [
        svc.move(`/v1/accounts/${account.id}/deposits`, user, { amountMinor: '700', currency: 'EUR' }),
        svc.move(`/v1/accounts/${account.id}/deposits`, user, { amountMinor: '300', currency: 'EUR' }),
      ]),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const withdrawals = await Promise.all(
      holders.map(({ user, account }) =>
        svc.move(`/v1/accounts/${account.id}/withdrawals`, user, { amountMinor: '250', currency: 'EUR' }),
      ),
    );
    expect(withdrawals.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);

    // the cash movements posted against several of the currency's 16 clearing accounts, not one
    const slots = await svc.db.query<{ slot: number }>(
      `SELECT DISTINCT c.clearing_slot AS slot FROM ledger_entry e JOIN account c ON c.id = e.account_id
        WHERE c.kind = 'clearing' AND e.transaction_id IN
              (SELECT transaction_id FROM ledger_entry WHERE account_id = ANY($1::uuid[]))`,
      [holders.map((h) => h.account.id)],
    );
    expect(slots.rows.length).toBeGreaterThan(1);
    // this run's database is its own: bank-wide, what the bank owes customers is what its clearing accounts hold
    const totals = await svc.db.query<{ currency: string; total: string }>(
      `SELECT currency, sum(balance_minor)::text AS total FROM account GROUP BY currency HAVING sum(balance_minor) <> 0`,
    );
    expect(totals.rows).toEqual([]);
  });

  it('refuses a negative customer balance, or one below what card holds set aside, in the database itself', async () => {
    const user = await svc.user();
    const account = await svc.openSavings(user);
    await expect(svc.db.query('UPDATE account SET balance_minor = -1 WHERE id = $1', [account.id])).rejects.toThrow(
      /account_customer_available_not_negative/,
    );
    await expect(svc.db.query('UPDATE account SET held_minor = 1 WHERE id = $1', [account.id])).rejects.toThrow(
      /account_customer_available_not_negative/,
    );
  });
});
