import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics, type EventEnvelope } from '@microbank/contracts';
import { REPO_ROOT, SilentReporter, startServices, stopServices, type RunningService } from '@microbank/stack';
import {
  createServiceDatabase,
  createTestTopics,
  deleteGroupsWithPrefix,
  deleteTestTopics,
  freePort,
  httpRequest,
  runCleanups,
  stackConnections,
  testKafka,
  testKeys,
  TopicRecorder,
  uniqueName,
  waitFor,
  type TestRequest,
} from '@microbank/testing';

// The user, account and card services as real processes (their built dist/main.js, as `pnpm dev` runs them), on
// databases and topics of this run only (each service migrates its database as it starts): nothing connects them
// but Kafka, and nothing they write reaches the demo's data.
describe('from signup to a transfer, across services', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let user: string;
  let account: string;
  let card: string;
  let recorder: TopicRecorder;
  let topicOf: (topic: string) => string;

  beforeAll(async () => {
    const stack = await stackConnections();
    const kafka = testKafka(stack);
    const prefix = `${uniqueName('e2e')}.`;
    const topics = [Topics.signups, Topics.accounts, Topics.transactions, Topics.cards].map(
      (topic) => `${prefix}${topic}`,
    );
    const userDb = await createServiceDatabase(stack, 'user');
    cleanups.push(() => userDb.drop());
    const accountDb = await createServiceDatabase(stack, 'account');
    cleanups.push(() => accountDb.drop());
    const cardDb = await createServiceDatabase(stack, 'card');
    cleanups.push(() => cardDb.drop());
    cleanups.push(() => deleteTestTopics(kafka, topics));
    cleanups.push(() => deleteGroupsWithPrefix(kafka, prefix));
    await createTestTopics(kafka, stack, topics);
    topicOf = (topic) => `${prefix}${topic}`;
    recorder = await new TopicRecorder(kafka, `${prefix}recorder`).start([
      topicOf(Topics.signups),
      topicOf(Topics.accounts),
    ]);
    cleanups.push(() => recorder.stop());
    const [userPort, accountPort, cardPort] = [await freePort(), await freePort(), await freePort()];
    // everything the services need, so nothing comes from the demo's .stack/env files
    const keys = testKeys();
    const shared = { KAFKA_BROKERS: stack.kafka.brokers.join(','), KAFKA_TOPIC_PREFIX: prefix };
    const cardKeys = { CARD_PAN_KEY: randomBytes(32).toString('hex'), CARD_CVC_KEY: randomBytes(32).toString('hex') };
    const services: RunningService[] = await startServices(
      REPO_ROOT,
      ['user', 'account', 'card'],
      new SilentReporter(),
      {
        ports: { user: userPort, account: accountPort, card: cardPort },
        echoLogs: false,
        env: {
          user: {
            ...shared,
            DATABASE_URL: userDb.url,
            JWT_PRIVATE_KEY: keys.privateKey,
            JWT_PUBLIC_KEY: keys.publicKey,
          },
          account: { ...shared, DATABASE_URL: accountDb.url, JWT_PUBLIC_KEY: keys.publicKey },
          card: { ...shared, DATABASE_URL: cardDb.url, JWT_PUBLIC_KEY: keys.publicKey, ...cardKeys },
        },
      },
    );
    cleanups.push(() => stopServices(services));
    [user, account, card] = services.map((s) => s.url) as [string, string, string];
  });

  afterAll(() => runCleanups(cleanups));

  async function call<T>(base: string, method: string, path: string, init: TestRequest & { key?: string } = {}) {
    const headers: Record<string, string> = init.key ? { 'idempotency-key': init.key } : {};
    const response = await httpRequest(base, method, path, { ...init, headers });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function customer(name: string) {
    const credentials = { email: `${uniqueName(name)}@e2e.microbank.local`, password: 'a long enough password' };
    const signup = await call<{ id: string }>(user, 'POST', '/v1/users', {
      body: { ...credentials, fullName: name, country: 'GB' },
    });
    expect(signup.status).toBe(201);
    const login = await call<{ accessToken: string }>(user, 'POST', '/v1/auth/login', { body: credentials });
    expect(login.status).toBe(200);
    const token = login.body.accessToken;
    // the account service opens the current account when it consumes UserSignedUp
    const [current] = await waitFor(
      async () => {
        const accounts = await call<{ items: { id: string; iban: string; kind: string; currency: string }[] }>(
          account,
          'GET',
          '/v1/accounts',
          { token },
        );
        return accounts.body.items.length > 0 ? accounts.body.items : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `${name}'s current account` },
    );
    return { userId: signup.body.id, token, account: current! };
  }

  it('opens current accounts from signups and moves money between them', async () => {
    const [ada, grace] = await Promise.all([customer('ada'), customer('grace')]);
    expect(ada.account).toMatchObject({ kind: 'current', currency: 'GBP' });
    const key = () => crypto.randomUUID();
    const gbp = (amountMinor: string) => ({ amountMinor, currency: 'GBP' });

    expect(
      (
        await call(account, 'POST', `/v1/accounts/${ada.account.id}/deposits`, {
          token: ada.token,
          key: key(),
          body: gbp('10000'),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(account, 'POST', `/v1/accounts/${ada.account.id}/withdrawals`, {
          token: ada.token,
          key: key(),
          body: gbp('2500'),
        })
      ).status,
    ).toBe(201);
    const transfer = await call(account, 'POST', '/v1/transfers', {
      token: ada.token,
      key: key(),
      body: { fromAccountId: ada.account.id, toIban: grace.account.iban, ...gbp('3000'), reference: 'Lunch' },
    });
    expect(transfer.status).toBe(201);

    const balance = async (who: typeof ada) =>
      (
        await call<{ balance: { amountMinor: string } }>(account, 'GET', `/v1/accounts/${who.account.id}`, {
          token: who.token,
        })
      ).body.balance;
    expect(await balance(ada)).toEqual(gbp('4500'));
    expect(await balance(grace)).toEqual(gbp('3000'));

    const history = await call<{
      items: { kind: string; counterpartyIban: string | null; reference: string | null }[];
    }>(account, 'GET', `/v1/accounts/${grace.account.id}/transactions`, { token: grace.token });
    expect(history.body.items[0]).toMatchObject({
      kind: 'transfer_credit',
      counterpartyIban: ada.account.iban,
      reference: 'Lunch',
    });

    // each customer sees only their own accounts
    expect((await call(account, 'GET', `/v1/accounts/${ada.account.id}`, { token: grace.token })).status).toBe(404);
  });

  it("carries a request's correlation id two hops on: signup → UserSignedUp → AccountOpened", async () => {
    const correlationId = uniqueName('e2e-chain');
    const credentials = { email: `${uniqueName('chain')}@e2e.microbank.local`, password: 'a long enough password' };
    const signup = await httpRequest(user, 'POST', '/v1/users', {
      body: { ...credentials, fullName: 'Chain', country: 'GB' },
      headers: { 'x-correlation-id': correlationId },
    });
    expect(signup.status).toBe(201);
    const userId = ((await signup.json()) as { id: string }).id;

    type Event = EventEnvelope<string, number, { userId: string }>;
    const [signedUp, opened] = await waitFor(
      () => {
        const first = recorder.values<Event>(topicOf(Topics.signups)).find((e) => e.payload.userId === userId);
        const second = recorder.values<Event>(topicOf(Topics.accounts)).find((e) => e.payload.userId === userId);
        return first && second ? ([first, second] as const) : undefined;
      },
      { timeoutMs: 60_000, what: `the events of ${userId}'s signup` },
    );
    expect(signedUp).toMatchObject({ type: 'UserSignedUp', source: 'user', correlationId, causationId: null });
    // published by the account service while it consumed the first event, in another process
    expect(opened).toMatchObject({
      type: 'AccountOpened',
      source: 'account',
      correlationId,
      causationId: signedUp.eventId,
    });
  });

  it('issues a card on the account opened from a signup: three services, joined only by Kafka', async () => {
    const ada = await customer('ada-card');
    // the card service learns the account from AccountOpened; until then the account is unknown to it (404)
    const issued = await waitFor(
      async () => {
        const response = await call<{ id: string; accountId: string; pan: string; last4: string; currency: string }>(
          card,
          'POST',
          '/v1/cards',
          { token: ada.token, body: { accountId: ada.account.id } },
        );
        return response.status === 201 ? response.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: "a card on ada's current account" },
    );
    expect(issued).toMatchObject({ accountId: ada.account.id, currency: 'GBP', last4: issued.pan.slice(-4) });

    const masked = await call<Record<string, unknown>>(card, 'GET', `/v1/cards/${issued.id}`, { token: ada.token });
    expect(masked.status).toBe(200);
    expect(masked.body).not.toHaveProperty('pan');
  });
});
