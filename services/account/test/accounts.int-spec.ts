import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountOpenedV1, Topics, type PayloadOf } from '@microbank/contracts';
import { waitFor } from '@microbank/testing';
import { isValidIban } from '../src/accounts/iban';
import { AccountTestApp, type AccountJson, type ProblemJson } from './account-test-app';

type AccountOpened = PayloadOf<typeof AccountOpenedV1>;

describe('accounts over HTTP and Kafka', () => {
  let svc: AccountTestApp;

  beforeAll(async () => {
    svc = await AccountTestApp.start();
  });

  afterAll(() => svc?.stop());

  const listAccounts = async (token: string, query = '') =>
    ((await (await svc.request('GET', `/v1/accounts${query}`, { token })).json()) as { items: AccountJson[] }).items;

  it('opens a current account in the country currency when a user signs up, and announces it', async () => {
    const user = await svc.user();
    const signup = await svc.publishSignup({
      userId: user.userId,
      email: 'ada@example.com',
      fullName: 'Ada Lovelace',
      country: 'GB',
    });

    const [account] = await waitFor(
      async () => ((await listAccounts(user.token)).length ? listAccounts(user.token) : undefined),
      {
        timeoutMs: 60_000,
        what: 'the current account',
      },
    );
    expect(account).toMatchObject({
      userId: user.userId,
      kind: 'current',
      currency: 'GBP',
      status: 'active',
      balance: { amountMinor: '0', currency: 'GBP' },
    });
    expect(account!.iban).toMatch(/^GB\d{2}MBNK\d{14}$/);
    expect(isValidIban(account!.iban)).toBe(true);

    const opened = await waitFor(
      () => svc.events<AccountOpened>(Topics.accounts).find((e) => e.payload.userId === user.userId),
      { timeoutMs: 30_000, what: 'the AccountOpened event' },
    );
    expect(AccountOpenedV1.payload.parse(opened.payload)).toEqual({
      accountId: account!.id,
      userId: user.userId,
      iban: account!.iban,
      currency: 'GBP',
      kind: 'current',
    });
    expect(opened).toMatchObject({
      type: 'AccountOpened',
      version: 1,
      source: 'account',
      aggregateId: account!.id,
      correlationId: signup.correlationId,
      causationId: signup.eventId,
    });
  });

  it('opens nothing new for a redelivered signup or a second signup event for the same user', async () => {
    const user = await svc.user();
    const payload = { userId: user.userId, email: 'bo@example.com', fullName: 'Bo', country: 'DE' };
    const first = await svc.publishSignup(payload);
    await svc.publishSignup(payload, first); // the same event again
    const second = await svc.publishSignup(payload); // a new event id for the same user
    await waitFor(
      async () => {
        const { rows } = await svc.db.query(`SELECT 1 FROM inbox_event WHERE event_id = $1::uuid`, [second.eventId]);
        return rows.length === 1;
      },
      { timeoutMs: 60_000, what: 'the second signup event handled' },
    );

    const accounts = await listAccounts(user.token);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ kind: 'current', currency: 'EUR' });
    const { rows } = await svc.db.query(
      `SELECT event_id FROM outbox_event WHERE event_type = 'AccountOpened' AND envelope->'payload'->>'userId' = $1`,
      [user.userId],
    );
    expect(rows).toHaveLength(1);
    await waitFor(() => svc.events<AccountOpened>(Topics.accounts).some((e) => e.payload.userId === user.userId), {
      timeoutMs: 30_000,
      what: 'the one AccountOpened event',
    });
  });

  it('opens a savings account on request and announces it with the request correlation id', async () => {
    const user = await svc.user();
    const response = await svc.request('POST', '/v1/accounts', {
      token: user.token,
      body: { currency: 'CHF' },
      headers: { 'x-correlation-id': 'corr-savings-1' },
    });
    expect(response.status).toBe(201);
    const account = (await response.json()) as AccountJson;
    expect(account).toMatchObject({ userId: user.userId, kind: 'savings', currency: 'CHF' });

    const opened = await waitFor(
      () => svc.events<AccountOpened>(Topics.accounts).find((e) => e.payload.accountId === account.id),
      { timeoutMs: 30_000, what: 'the AccountOpened event' },
    );
    expect(opened).toMatchObject({ correlationId: 'corr-savings-1', causationId: null });
  });

  it('shows a customer only their own accounts, and 404 for anyone else’s', async () => {
    const alice = await svc.user();
    const bob = await svc.user();
    const alicesAccount = await svc.openSavings(alice);

    expect((await listAccounts(bob.token)).map((a) => a.id)).not.toContain(alicesAccount.id);
    expect(await listAccounts(bob.token, `?userId=${alice.userId}`)).toEqual([]);

    const foreign = await svc.request('GET', `/v1/accounts/${alicesAccount.id}`, { token: bob.token });
    const missing = await svc.request('GET', `/v1/accounts/${randomUUID()}`, { token: bob.token });
    const malformed = await svc.request('GET', '/v1/accounts/not-an-id', { token: bob.token });
    for (const response of [foreign, missing, malformed]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    // the same answer whether the account exists or not
    const [a, b] = [(await foreign.json()) as ProblemJson, (await missing.json()) as ProblemJson];
    expect({ ...a, instance: undefined, correlationId: undefined }).toEqual({
      ...b,
      instance: undefined,
      correlationId: undefined,
    });

    const history = await svc.request('GET', `/v1/accounts/${alicesAccount.id}/transactions`, { token: bob.token });
    expect(history.status).toBe(404);
  });

  it('lets an analyst read any account but not move money or open accounts', async () => {
    const alice = await svc.user();
    const account = await svc.openSavings(alice);
    const analyst = await svc.user('analyst');

    expect((await svc.account(analyst, account.id)).id).toBe(account.id);
    expect((await listAccounts(analyst.token, `?userId=${alice.userId}`)).map((a) => a.id)).toEqual([account.id]);

    const deposit = await svc.move(`/v1/accounts/${account.id}/deposits`, analyst, {
      amountMinor: '100',
      currency: 'EUR',
    });
    expect(deposit.status).toBe(403);
    const open = await svc.request('POST', '/v1/accounts', { token: analyst.token, body: { currency: 'EUR' } });
    expect(open.status).toBe(403);
  });

  it('refuses missing, expired, tampered and alg-none tokens with 401', async () => {
    const userId = randomUUID();
    const valid = await svc.token(userId);
    const expired = await svc.token(userId, 'customer', { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'analyst' })).toString('base64url');
    const tampered = `${header}.${forged}.${signature}`;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;

    expect((await svc.request('GET', '/v1/accounts', { token: valid })).status).toBe(200);
    for (const token of [undefined, expired, tampered, none, 'not-a-jwt']) {
      const response = await svc.request('GET', '/v1/accounts', { token });
      expect(response.status, String(token)).toBe(401);
      expect(((await response.json()) as ProblemJson).status).toBe(401);
    }
  });

  it('validates the account opening body', async () => {
    const user = await svc.user();
    const unsupported = await svc.request('POST', '/v1/accounts', { token: user.token, body: { currency: 'XAU' } });
    expect(unsupported.status).toBe(422);
    expect(((await unsupported.json()) as ProblemJson).errors).toEqual([
      expect.objectContaining({ field: 'currency' }),
    ]);
    const unknown = await svc.request('POST', '/v1/accounts', {
      token: user.token,
      body: { currency: 'EUR', kind: 'current' },
    });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as ProblemJson).errors).toEqual([
      expect.objectContaining({ field: 'kind', rule: 'unknown_field' }),
    ]);
  });

  it('reports liveness and readiness, and serves its OpenAPI document', async () => {
    expect((await svc.request('GET', '/health/live')).status).toBe(200);
    const ready = await svc.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      checks: { database: 'ok', kafka: 'ok', outbox: { pending: expect.any(Number) as number, parked: 0 } },
    });
    const docs = (await (await svc.request('GET', '/docs/json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/v1/accounts', '/v1/accounts/{id}', '/v1/accounts/{id}/deposits', '/v1/transfers']),
    );
  });
});
