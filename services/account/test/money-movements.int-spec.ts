import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics, TransactionPostedV2, type PayloadOf } from '@microbank/contracts';
import { waitFor } from '@microbank/testing';
import {
  AccountTestApp,
  type AccountJson,
  type ProblemJson,
  type TestUser,
  type TransactionJson,
} from './account-test-app';

type Posted = PayloadOf<typeof TransactionPostedV2>;

describe('money movements', () => {
  let svc: AccountTestApp;

  beforeAll(async () => {
    svc = await AccountTestApp.start();
  });

  afterAll(() => svc?.stop());

  const deposit = (user: TestUser, account: AccountJson, amountMinor: string, key?: string) =>
    svc.move(`/v1/accounts/${account.id}/deposits`, user, { amountMinor, currency: account.currency }, key);

  async function funded(amountMinor: string, currency = 'EUR'): Promise<{ user: TestUser; account: AccountJson }> {
    const user = await svc.user();
    const account = await svc.openSavings(user, currency);
    expect((await deposit(user, account, amountMinor)).status).toBe(201);
    return { user, account };
  }

  const postedFor = (transactionId: string, count: number) =>
    waitFor(
      () => {
        const events = svc.events<Posted>(Topics.transactions).filter((e) => e.payload.transactionId === transactionId);
        return events.length >= count ? events : undefined;
      },
      { timeoutMs: 30_000, what: `${count} TransactionPosted events for ${transactionId}` },
    );

  it('deposits, withdraws and transfers, and posts a TransactionPosted event per account side', async () => {
    const alice = await svc.user();
    const bob = await svc.user();
    const from = await svc.openSavings(alice);
    const to = await svc.openSavings(bob);

    const depositResponse = await svc.request('POST', `/v1/accounts/${from.id}/deposits`, {
      token: alice.token,
      body: { amountMinor: '10000', currency: 'EUR', reference: 'Salary' },
      headers: { 'idempotency-key': randomUUID(), 'x-correlation-id': 'corr-deposit-1' },
    });
    expect(depositResponse.status).toBe(201);
    const deposited = (await depositResponse.json()) as TransactionJson;
    expect(deposited).toMatchObject({
      accountId: from.id,
      kind: 'deposit',
      direction: 'credit',
      amount: { amountMinor: '10000', currency: 'EUR' },
      balanceAfter: { amountMinor: '10000', currency: 'EUR' },
      reference: 'Salary',
    });

    const withdrawal = await svc.move(`/v1/accounts/${from.id}/withdrawals`, alice, {
      amountMinor: '1500',
      currency: 'EUR',
    });
    expect(withdrawal.status).toBe(201);
    expect(await withdrawal.json()).toMatchObject({
      kind: 'withdrawal',
      direction: 'debit',
      balanceAfter: { amountMinor: '8500' },
    });

    const transferResponse = await svc.move('/v1/transfers', alice, {
      fromAccountId: from.id,
      toIban: to.iban.replace(/(.{4})/g, '$1 ').toLowerCase(), // as people type it
      amountMinor: '2500',
      currency: 'EUR',
      reference: 'Rent, May',
    });
    expect(transferResponse.status).toBe(201);
    const transfer = (await transferResponse.json()) as TransactionJson;
    expect(transfer).toMatchObject({
      accountId: from.id,
      kind: 'transfer_debit',
      direction: 'debit',
      counterpartyIban: to.iban,
      balanceAfter: { amountMinor: '6000', currency: 'EUR' },
    });

    expect((await svc.account(alice, from.id)).balance).toEqual({ amountMinor: '6000', currency: 'EUR' });
    expect((await svc.account(bob, to.id)).balance).toEqual({ amountMinor: '2500', currency: 'EUR' });

    const [depositEvent] = await postedFor(deposited.transactionId, 1);
    expect(depositEvent).toMatchObject({ aggregateId: from.id, correlationId: 'corr-deposit-1', source: 'account' });
    expect(TransactionPostedV2.payload.parse(depositEvent!.payload)).toMatchObject({
      userId: alice.userId,
      kind: 'deposit',
    });

    const transferEvents = await postedFor(transfer.transactionId, 2);
    const payloads = transferEvents.map((e) => TransactionPostedV2.payload.parse(e.payload));
    expect(payloads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          accountId: from.id,
          userId: alice.userId,
          kind: 'transfer_debit',
          direction: 'debit',
          counterpartyIban: to.iban,
        }),
        expect.objectContaining({
          accountId: to.id,
          userId: bob.userId,
          kind: 'transfer_credit',
          direction: 'credit',
          counterpartyIban: from.iban,
          balanceAfter: { amountMinor: '2500', currency: 'EUR' },
        }),
      ]),
    );
    for (const event of transferEvents) expect(event.aggregateId).toBe(event.payload.accountId);
  });

  it('lists an account’s transactions newest first, a page at a time', async () => {
    const { user, account } = await funded('100');
    for (const amount of ['200', '300', '400']) expect((await deposit(user, account, amount)).status).toBe(201);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await svc.request('GET', `/v1/accounts/${account.id}/transactions${query}`, {
        token: user.token,
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: TransactionJson[]; nextCursor: string | null };
      seen.push(...page.items.map((item) => item.amount.amountMinor));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['400', '300', '200', '100']);

    const bad = await svc.request('GET', `/v1/accounts/${account.id}/transactions?limit=0&cursor=abc`, {
      token: user.token,
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ProblemJson).errors?.map((e) => e.field).sort()).toEqual(['cursor', 'limit']);

    // nineteen digits that no bigint holds are a bad cursor too, not a database error
    const huge = await svc.request('GET', `/v1/accounts/${account.id}/transactions?cursor=9999999999999999999`, {
      token: user.token,
    });
    expect(huge.status).toBe(422);
    expect(((await huge.json()) as ProblemJson).errors).toEqual([
      expect.objectContaining({ field: 'cursor', rule: 'cursor' }),
    ]);
  });

  it('declines a withdrawal or transfer that would overdraw the account', async () => {
    const { user, account } = await funded('1000');
    const other = await svc.openSavings(await svc.user());

    const withdrawal = await svc.move(`/v1/accounts/${account.id}/withdrawals`, user, {
      amountMinor: '1001',
      currency: 'EUR',
    });
    expect(withdrawal.status).toBe(422);
    expect(await withdrawal.json()).toMatchObject({
      type: 'https://microbank.dev/problems/insufficient-funds',
      errors: [{ field: 'amountMinor', rule: 'insufficient_funds' }],
    });
    const transfer = await svc.move('/v1/transfers', user, {
      fromAccountId: account.id,
      toIban: other.iban,
      amountMinor: '1001',
      currency: 'EUR',
    });
    expect(transfer.status).toBe(422);
    expect((await svc.account(user, account.id)).balance.amountMinor).toBe('1000');
  });

  it('refuses debits from a frozen account but still credits it', async () => {
    const { user, account } = await funded('1000');
    await svc.db.query(`UPDATE account SET status = 'frozen' WHERE id = $1`, [account.id]);

    const withdrawal = await svc.move(`/v1/accounts/${account.id}/withdrawals`, user, {
      amountMinor: '10',
      currency: 'EUR',
    });
    expect(withdrawal.status).toBe(409);
    expect(await withdrawal.json()).toMatchObject({ type: 'https://microbank.dev/problems/account-frozen' });
    expect((await deposit(user, account, '10')).status).toBe(201);
    expect((await svc.account(user, account.id)).balance.amountMinor).toBe('1010');
  });

  it('moves no money from another customer’s account (404)', async () => {
    const { account } = await funded('1000');
    const mallory = await svc.user();
    const mine = await svc.openSavings(mallory);

    const withdrawal = await svc.move(`/v1/accounts/${account.id}/withdrawals`, mallory, {
      amountMinor: '10',
      currency: 'EUR',
    });
    expect(withdrawal.status).toBe(404);
    const transfer = await svc.move('/v1/transfers', mallory, {
      fromAccountId: account.id,
      toIban: mine.iban,
      amountMinor: '10',
      currency: 'EUR',
    });
    expect(transfer.status).toBe(404);
    const deposit = await svc.move(`/v1/accounts/${account.id}/deposits`, mallory, {
      amountMinor: '10',
      currency: 'EUR',
    });
    expect(deposit.status).toBe(404);
  });

  describe('idempotency keys', () => {
    it('replays the first response for the same key and body, moving the money once', async () => {
      const { user, account } = await funded('1000');
      const key = randomUUID();
      const first = await deposit(user, account, '250', key);
      const again = await deposit(user, account, '250', key);

      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(await again.json()).toEqual(await first.json());
      expect((await svc.account(user, account.id)).balance.amountMinor).toBe('1250');
    });

    it('refuses the same key with a different body (422)', async () => {
      const { user, account } = await funded('1000');
      const key = randomUUID();
      expect((await deposit(user, account, '250', key)).status).toBe(201);
      const other = await deposit(user, account, '251', key);

      expect(other.status).toBe(422);
      expect(await other.json()).toMatchObject({
        type: 'https://microbank.dev/problems/idempotency-key-mismatch',
        errors: [{ field: 'Idempotency-Key' }],
      });
    });

    it('answers 409 while the first request with the key is still in flight', async () => {
      const { user, account } = await funded('1000');
      const key = randomUUID();
      // hold the account's row lock, so the first request waits inside its transaction
      const blocker = new (await import('pg')).Client({ connectionString: svc.config.DATABASE_URL });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM account WHERE id = $1 FOR UPDATE', [account.id]);
      try {
        const first = deposit(user, account, '100', key);
        await waitFor(
          async () =>
            (
              await svc.db.query(
                `SELECT 1 FROM idempotency_key WHERE user_id = $1 AND key = $2 AND state = 'in_flight'`,
                [user.userId, key],
              )
            ).rows.length === 1,
          { timeoutMs: 10_000, what: 'the first request in flight' },
        );
        const second = await deposit(user, account, '100', key);
        expect(second.status).toBe(409);
        expect(await second.json()).toMatchObject({ type: 'https://microbank.dev/problems/idempotency-key-in-flight' });
        await blocker.query('COMMIT');
        expect((await first).status).toBe(201);
      } finally {
        await blocker.end();
      }
      expect((await deposit(user, account, '100', key)).status).toBe(201);
      expect((await svc.account(user, account.id)).balance.amountMinor).toBe('1100');
    });

    it('scopes keys per user', async () => {
      const a = await funded('1000');
      const b = await funded('1000');
      const key = randomUUID();
      expect((await deposit(a.user, a.account, '1', key)).status).toBe(201);
      expect((await deposit(b.user, b.account, '2', key)).status).toBe(201);
    });

    it('is required on every money movement', async () => {
      const { user, account } = await funded('1000');
      const response = await svc.request('POST', `/v1/accounts/${account.id}/deposits`, {
        token: user.token,
        body: { amountMinor: '1', currency: 'EUR' },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key', rule: 'required' }] });
    });
  });

  describe('bad input', () => {
    let user: TestUser;
    let account: AccountJson;
    beforeAll(async () => ({ user, account } = await funded('1000')));

    const depositRaw = (rawBody: string, headers: Record<string, string> = {}) =>
      svc.request('POST', `/v1/accounts/${account.id}/deposits`, {
        token: user.token,
        rawBody,
        headers: { 'idempotency-key': randomUUID(), ...headers },
      });

    const expectFieldProblem = async (response: Response, field: string, rule?: string) => {
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as ProblemJson;
      expect(problem.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, ...(rule ? { rule } : {}) })]),
      );
      expect(JSON.stringify(problem)).not.toMatch(/\bat \w+.*\.(ts|js):\d+/); // never a stack trace
    };

    it('answers malformed JSON with 400', async () => {
      const response = await depositRaw('{"amountMinor": "10",');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('names an unknown field', async () => {
      await expectFieldProblem(
        await depositRaw(JSON.stringify({ amountMinor: '1', currency: 'EUR', memo: 'x' })),
        'memo',
        'unknown_field',
      );
    });

    it('names a field of the wrong type', async () => {
      await expectFieldProblem(
        await depositRaw(JSON.stringify({ amountMinor: 10, currency: 'EUR' })),
        'amountMinor',
        'invalid_type',
      );
    });

    it.each([
      ['0', 'positive'],
      ['-100', 'positive'],
      ['10.50', 'integer'],
      ['100000001', 'max_amount'],
      ['1e3', 'format'],
    ])('refuses the amount %s (%s)', async (amountMinor, rule) => {
      await expectFieldProblem(await depositRaw(JSON.stringify({ amountMinor, currency: 'EUR' })), 'amountMinor', rule);
    });

    it('refuses an unsupported currency and a currency mismatch', async () => {
      await expectFieldProblem(await depositRaw(JSON.stringify({ amountMinor: '1', currency: 'XAU' })), 'currency');
      await expectFieldProblem(
        await depositRaw(JSON.stringify({ amountMinor: '1', currency: 'USD' })),
        'currency',
        'currency_mismatch',
      );
    });

    it('refuses a transfer to an invalid or unknown IBAN', async () => {
      const transfer = (toIban: string) =>
        svc.move('/v1/transfers', user, { fromAccountId: account.id, toIban, amountMinor: '1', currency: 'EUR' });
      await expectFieldProblem(await transfer('GB00MBNK00000000000000'), 'toIban', 'iban_checksum');
      await expectFieldProblem(await transfer('GB82WEST12345698765432'), 'toIban', 'unknown_account');
      await expectFieldProblem(await transfer(account.iban), 'toIban', 'same_account');
    });

    it('answers an oversized body with 413', async () => {
      const response = await depositRaw(
        JSON.stringify({ amountMinor: '1', currency: 'EUR', reference: 'x'.repeat(70_000) }),
      );
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('answers an unknown route with a 404 problem', async () => {
      const response = await svc.request('GET', '/v1/nothing-here', { token: user.token });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('answers a known path asked with another method with a 405 problem and Allow', async () => {
      const transfers = await svc.request('GET', '/v1/transfers', { token: user.token });
      expect(transfers.status).toBe(405);
      expect(transfers.headers.get('allow')).toBe('POST');
      expect(transfers.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await transfers.json()).toMatchObject({ status: 405, title: 'Method not allowed' });
      const oneAccount = await svc.request('DELETE', `/v1/accounts/${account.id}`, { token: user.token });
      expect(oneAccount.status).toBe(405);
      expect(oneAccount.headers.get('allow')).toBe('GET, HEAD');
    });

    it('left the balance untouched', async () => {
      expect((await svc.account(user, account.id)).balance.amountMinor).toBe('1000');
    });
  });
});
