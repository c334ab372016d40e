import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics, type EventEnvelope } from '@microbank/contracts';
import { BankUnderTest, EventStreamClient, waitFor, type Customer } from '@microbank/testing';
import { BOOKSHOP, CardNetwork, gbp, type Cardholder } from './card-network';

interface Alert {
  id: string;
  streamId: string;
  rule: string;
  severity: string;
  status: string;
  accountId: string;
  cardId: string | null;
  actions: { freezeCard: boolean; freezeAccount: boolean };
}

// Fraud detection over the whole bank: the user, account, card and fraud services as real processes, joined only by
// Kafka. Customers act over HTTP; the fraud service judges what the others publish and freezes through events.
describe('fraud alerts across the bank', () => {
  let bank: BankUnderTest;
  let network: CardNetwork;
  let analyst: { userId: string; token: string };
  let stream: EventStreamClient;

  beforeAll(async () => {
    bank = await BankUnderTest.start(['user', 'account', 'card', 'fraud'], {
      user: { SIGNUPS_PER_ADDRESS: '100' },
    });
    network = new CardNetwork(bank);
    analyst = await bank.analyst();
    stream = await EventStreamClient.open(`${bank.urls.fraud}/v1/alerts/stream`, {
      authorization: `Bearer ${analyst.token}`,
    });
    expect(stream.status).toBe(200);
  });

  afterAll(async () => {
    await stream?.close();
    await bank?.stop();
  });

  const alertsOf = async (who: Customer): Promise<Alert[]> =>
    (
      await bank.call<{ items: Alert[] }>('fraud', 'GET', `/v1/alerts?userId=${who.userId}&limit=100`, {
        token: analyst.token,
      })
    ).body.items;

  const alertOn = (who: Customer, rule: string): Promise<Alert> =>
    waitFor(async () => (await alertsOf(who)).find((a) => a.rule === rule), {
      timeoutMs: 60_000,
      intervalMs: 200,
      what: `a ${rule} alert for ${who.userId}`,
    });

  const streamed = (alert: Alert) =>
    waitFor(() => stream.events.find((e) => e.id === alert.streamId), {
      timeoutMs: 30_000,
      what: `alert ${alert.id} on the analyst's stream`,
    });

  const resolve = (alert: Alert, resolution: 'false_positive' | 'confirmed_fraud') =>
    bank.call<Alert>('fraud', 'POST', `/v1/alerts/${alert.id}/resolve`, {
      token: analyst.token,
      body: { resolution },
    });

  const cardStatus = async ({ who, card }: Cardholder) =>
    (await bank.call<{ status: string }>('card', 'GET', `/v1/cards/${card.id}`, { token: who.token })).body.status;

  const accountStatus = async (who: Customer) =>
    (await bank.call<{ status: string }>('account', 'GET', `/v1/accounts/${who.account.id}`, { token: who.token })).body
      .status;

  const withdraw = (who: Customer, amountMinor: string) =>
    bank.call<{ code?: string }>('account', 'POST', `/v1/accounts/${who.account.id}/withdrawals`, {
      token: who.token,
      key: randomUUID(),
      body: gbp(amountMinor),
    });

  /** Resolves once the fraud service has judged every posting the account service published so far. */
  async function fraudCaughtUp(): Promise<void> {
    const published = [
      ...new Set(
        bank.recorder
          .values<EventEnvelope>(bank.topic(Topics.transactions))
          .filter((e) => e.type === 'TransactionPosted')
          .map((e) => e.eventId),
      ),
    ];
    await waitFor(
      async () => {
        const [row] = await bank.databaseRows<{ n: number }>(
          'fraud',
          `SELECT count(*)::int AS n FROM account_posting WHERE event_id IN (${published.map((id) => `'${id}'`).join(',') || 'NULL'})`,
        );
        return row?.n === published.length;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `the fraud service to judge ${published.length} postings` },
    );
  }

  it('raises nothing for a few hundred ordinary deposits, transfers, withdrawals and card payments', async () => {
    const random = seeded(42);
    const people = await Promise.all(
      Array.from({ length: 10 }, (_, i) => network.cardholder(`ordinary-${i}`, '300000')),
    );
    const operations: (() => Promise<{ status: number }>)[] = [];
    for (const [i, person] of people.entries()) {
      const next = people[(i + 1) % people.length]!;
      for (let n = 0; n < 30; n++) {
        const amount = String(500 + Math.floor(random() * 6_000)); // 5.00 to 65.00
        const pick = random();
        if (pick < 0.25) {
          // a person shops at most a few times in ten minutes, at home
          operations.push(() => network.authorize(person.card, amount, { merchant: { ...BOOKSHOP, country: 'GB' } }));
        } else if (pick < 0.55) {
          operations.push(() =>
            bank.call('account', 'POST', '/v1/transfers', {
              token: person.who.token,
              key: randomUUID(),
              body: { fromAccountId: person.who.account.id, toIban: next.who.account.iban, ...gbp(amount) },
            }),
          );
        } else if (pick < 0.8) {
          operations.push(() => withdraw(person.who, amount));
        } else {
          operations.push(() =>
            bank.call('account', 'POST', `/v1/accounts/${person.who.account.id}/deposits`, {
              token: person.who.token,
              key: randomUUID(),
              body: gbp(amount),
            }),
          );
        }
      }
    }
    // eight at a time, in a fixed order
    const statuses: number[] = [];
    for (let i = 0; i < operations.length; i += 8) {
      statuses.push(...(await Promise.all(operations.slice(i, i + 8).map((op) => op()))).map((r) => r.status));
    }
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(operations.length).toBe(300);
    await fraudCaughtUp();
    const alerts = await Promise.all(people.map((p) => alertsOf(p.who)));
    expect(alerts.flat()).toEqual([]);
  });

  it('freezes a card used in two countries minutes apart, declines its next payment 59, and lifts it on a false positive', async () => {
    const holder = await network.cardholder('traveller', '500000');
    expect((await network.authorize(holder.card, '2500')).status).toBe(201);
    expect((await network.authorize(holder.card, '4000', { merchant: { ...BOOKSHOP, country: 'JP' } })).status).toBe(
      201,
    );

    const alert = await alertOn(holder.who, 'impossible-travel');
    expect(alert).toMatchObject({ severity: 'high', cardId: holder.card.id, actions: { freezeCard: true } });
    await streamed(alert);
    await waitFor(async () => (await cardStatus(holder)) === 'frozen', {
      timeoutMs: 30_000,
      what: 'the card service to freeze the card',
    });
    const declined = await network.authorize(holder.card, '1000');
    expect(declined.status).toBe(402);
    expect(declined.body).toMatchObject({ responseCode: '59', declineReason: 'fraud_suspected' });
    // the holder cannot lift a freeze the bank put on
    const byHolder = await bank.call('card', 'POST', `/v1/cards/${holder.card.id}/unfreeze`, {
      token: holder.who.token,
    });
    expect(byHolder.status).toBe(409);

    expect((await resolve(alert, 'false_positive')).status).toBe(200);
    await waitFor(async () => (await cardStatus(holder)) === 'active', {
      timeoutMs: 30_000,
      what: 'the card service to unfreeze the card',
    });
    expect((await network.authorize(holder.card, '1000')).status).toBe(201);
  });

  it('freezes an account after a withdrawal over the threshold, refuses its debits, and keeps it frozen when fraud is confirmed', async () => {
    const victim = await network.cardholder('victim', '1000000');
    expect((await withdraw(victim.who, '600000')).status).toBe(201);
    const alert = await alertOn(victim.who, 'large-amount');
    expect(alert).toMatchObject({
      severity: 'high',
      actions: { freezeAccount: true },
      accountId: victim.who.account.id,
    });
    await streamed(alert);
    await waitFor(async () => (await accountStatus(victim.who)) === 'frozen', {
      timeoutMs: 30_000,
      what: 'the account service to freeze the account',
    });
    const refused = await withdraw(victim.who, '1000');
    expect(refused.status).toBe(409);
    const card = await network.authorize(victim.card, '1000');
    expect(card.status).toBe(402);

    expect((await resolve(alert, 'confirmed_fraud')).status).toBe(200);
    // a later transaction the account service publishes shows the resolution was consumed and changed nothing
    expect(
      (
        await bank.call('account', 'POST', `/v1/accounts/${victim.who.account.id}/deposits`, {
          token: victim.who.token,
          key: randomUUID(),
          body: gbp('100'),
        })
      ).status,
    ).toBe(201);
    await fraudCaughtUp();
    expect(await accountStatus(victim.who)).toBe('frozen');
    expect((await withdraw(victim.who, '1000')).status).toBe(409);
  });

  it('unfreezes an account when its alert was a false positive', async () => {
    const saver = await network.cardholder('saver', '1000000');
    expect((await withdraw(saver.who, '700000')).status).toBe(201);
    const alert = await alertOn(saver.who, 'large-amount');
    await waitFor(async () => (await accountStatus(saver.who)) === 'frozen', {
      timeoutMs: 30_000,
      what: 'the account to freeze',
    });
    expect((await resolve(alert, 'false_positive')).status).toBe(200);
    await waitFor(async () => (await accountStatus(saver.who)) === 'active', {
      timeoutMs: 30_000,
      what: 'the account to unfreeze',
    });
    expect((await withdraw(saver.who, '1000')).status).toBe(201);
  });

  it('raises nothing new when a transaction event is delivered again', async () => {
    const spender = await network.cardholder('spender', '1000000');
    expect((await withdraw(spender.who, '550000')).status).toBe(201);
    const alert = await alertOn(spender.who, 'large-amount');
    const raisedBefore = bank.recorder
      .values<EventEnvelope<string, number, { alertId: string }>>(bank.topic(Topics.alerts))
      .filter((e) => e.type === 'FraudAlertRaised').length;

    // the withdrawal's TransactionPosted, exactly as it was published, sent again
    const original = bank.recorder.messages.find((m) => {
      if (m.topic !== bank.topic(Topics.transactions)) return false;
      const { payload } = JSON.parse(m.value!) as EventEnvelope<string, number, { accountId: string; kind: string }>;
      return payload.kind === 'withdrawal' && payload.accountId === spender.who.account.id;
    })!;
    expect(original).toBeDefined();
    await bank.produce(Topics.transactions, original.key, original.value);
    // after it on the same partition, a fresh posting: once that one is judged, so was the duplicate
    expect(
      (
        await bank.call('account', 'POST', `/v1/accounts/${spender.who.account.id}/deposits`, {
          token: spender.who.token,
          key: randomUUID(),
          body: gbp('100'),
        })
      ).status,
    ).toBe(201);
    await fraudCaughtUp();
    expect((await alertsOf(spender.who)).map((a) => a.id)).toEqual([alert.id]);
    const raisedAfter = bank.recorder
      .values<EventEnvelope>(bank.topic(Topics.alerts))
      .filter((e) => e.type === 'FraudAlertRaised').length;
    expect(raisedAfter).toBe(raisedBefore);
    const [withdrawals] = await bank.databaseRows<{ n: number }>(
      'fraud',
      `SELECT count(*)::int AS n FROM account_posting WHERE account_id = '${spender.who.account.id}' AND kind = 'withdrawal'`,
    );
    expect(withdrawals?.n).toBe(1);
    // and it was the inbox that knew it: the fraud service said it skipped the duplicate
    const duplicate = JSON.parse(original.value!) as EventEnvelope;
    expect(bank.logs.some((line) => line.includes('skipped duplicate event') && line.includes(duplicate.eventId))).toBe(
      true,
    );
  });

  it('loses no alert and raises none twice when the fraud service is SIGKILLed mid-stream; the stream resumes', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => network.cardholder(`kill-${i}`, '1000000')));
    const lastSeen = stream.events.at(-1)?.id ?? '0';
    const large = (who: Customer) => withdraw(who, '520000');

    const before = await Promise.all(people.slice(0, 6).map((p) => large(p.who)));
    await bank.kill('fraud');
    const during = await Promise.all(people.slice(6).map((p) => large(p.who)));
    expect([...before, ...during].map((r) => r.status)).toEqual(Array(12).fill(201));
    await bank.restart('fraud');

    const alerts = await Promise.all(people.map((p) => alertOn(p.who, 'large-amount')));
    await fraudCaughtUp();
    for (const person of people) expect(await alertsOf(person.who)).toHaveLength(1);
    const raised = bank.recorder
      .values<EventEnvelope<string, number, { alertId: string; accountId: string }>>(bank.topic(Topics.alerts))
      .filter((e) => e.type === 'FraudAlertRaised' && people.some((p) => p.who.account.id === e.payload.accountId));
    // a re-published outbox row is the same event again (same id), never a second alert
    expect(new Set(raised.map((e) => e.payload.alertId))).toEqual(new Set(alerts.map((a) => a.id)));
    for (const person of people) {
      await waitFor(async () => (await accountStatus(person.who)) === 'frozen', {
        timeoutMs: 30_000,
        what: `${person.who.userId}'s account to freeze`,
      });
    }

    // the analyst's stream died with the service; reconnecting from the last id it saw misses nothing
    expect(stream.ended).toBeDefined();
    await stream.close();
    stream = await EventStreamClient.open(`${bank.urls.fraud}/v1/alerts/stream`, {
      authorization: `Bearer ${analyst.token}`,
      'last-event-id': lastSeen,
    });
    await waitFor(() => alerts.every((a) => stream.events.some((e) => e.id === a.streamId)), {
      timeoutMs: 30_000,
      what: 'every alert on the resumed stream',
    });
    const ids = stream.events.map((e) => BigInt(e.id!));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/** A small deterministic generator (mulberry32): the same traffic on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
