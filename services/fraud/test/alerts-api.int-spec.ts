import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type EventStreamClient } from '@microbank/testing';
import { FraudTestApp, HOUR, type AlertBody, type TestAccount, type TestUser } from './fraud-test-app';

let app: FraudTestApp;
let analyst: TestUser;
const streams: EventStreamClient[] = [];

beforeAll(async () => {
  // two streams per user, so the limit is quick to reach
  app = await FraudTestApp.start({ FRAUD_MAX_STREAMS_PER_USER: '2' });
  analyst = await app.user('analyst');
});

afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await app?.stop();
});

async function stream(token: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  const opened = await app.stream(token, headers);
  streams.push(opened);
  return opened;
}

/** A large withdrawal on a fresh account of `userId`: one high large-amount alert; resolves with it. */
async function raiseAlert(account?: TestAccount): Promise<AlertBody> {
  const owner = account ?? (await app.account());
  const event = await app.posting(owner, new Date(Date.now() - HOUR), {
    kind: 'withdrawal',
    direction: 'debit',
    amountMinor: '750000',
  });
  await app.handled(event);
  const [alert] = await app.alertsOf(owner.userId);
  expect(alert?.evidence).toContain(event.eventId);
  return alert!;
}

const alertsIn = (client: EventStreamClient) =>
  client.events.filter((e) => e.event === 'alert').map((e) => ({ id: e.id, alert: JSON.parse(e.data) as AlertBody }));

describe('the live alert stream (Server-Sent Events)', () => {
  it('sends an analyst each alert raised after they connected, with its stream id, and heartbeats', async () => {
    const client = await stream(analyst.token);
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const alert = await raiseAlert();
    await waitFor(() => alertsIn(client).some((e) => e.alert.id === alert.id), {
      timeoutMs: 30_000,
      what: 'the alert on the stream',
    });
    const sent = alertsIn(client).find((e) => e.alert.id === alert.id)!;
    expect(sent.id).toBe(alert.streamId);
    expect(sent.alert).toMatchObject({ rule: 'large-amount', severity: 'high', accountId: alert.accountId });
    await waitFor(() => client.comments.some((c) => c.startsWith('heartbeat')), {
      timeoutMs: 30_000,
      what: 'a heartbeat',
    });
  });

  it('gives a client that reconnects with Last-Event-ID exactly the alerts it missed, in order', async () => {
    const first = await stream(analyst.token);
    const seen = await raiseAlert();
    await waitFor(() => alertsIn(first).some((e) => e.alert.id === seen.id), {
      timeoutMs: 30_000,
      what: 'the first alert',
    });
    const lastEventId = alertsIn(first).at(-1)!.id!;
    await first.close();

    const missed = [await raiseAlert(), await raiseAlert()];
    const again = await stream(analyst.token, { 'last-event-id': lastEventId });
    await waitFor(() => alertsIn(again).length >= 2, { timeoutMs: 30_000, what: 'the missed alerts' });
    expect(alertsIn(again).map((e) => e.alert.id)).toEqual(missed.map((a) => a.id));
    expect(alertsIn(again).map((e) => e.id)).toEqual(missed.map((a) => a.streamId));
  });

  it('streams a customer their own alerts only, with the token in the query as EventSource sends it', async () => {
    const mine = await app.account();
    const owner = await app.user('customer', mine.userId);
    const client = await app.stream(owner.token, {}, 'query');
    streams.push(client);
    expect(client.status).toBe(200);
    const someoneElses = await raiseAlert();
    const theirs = await raiseAlert(mine);
    await waitFor(() => alertsIn(client).length >= 1, { timeoutMs: 30_000, what: "the customer's alert" });
    expect(alertsIn(client).map((e) => e.alert.id)).toEqual([theirs.id]);
    expect(alertsIn(client).map((e) => e.alert.id)).not.toContain(someoneElses.id);
  });

  it('ends a stream when its token expires, so the client comes back with a fresh one', async () => {
    const shortLived = await app.user('analyst', undefined, '3s');
    const client = await stream(shortLived.token);
    expect(client.status).toBe(200);
    await waitFor(() => client.ended !== undefined, { timeoutMs: 15_000, what: 'the stream to end' });
    expect(client.ended?.error).toBeUndefined();
  });

  it('refuses a stream without a token (401), with a bad Last-Event-ID (422), and beyond the per-user limit (429)', async () => {
    const anonymous = await app.request('GET', '/v1/alerts/stream');
    expect(anonymous.status).toBe(401);
    // the query token opens the stream only: every other route wants the header
    const elsewhere = await app.request('GET', `/v1/alerts?access_token=${analyst.token}`);
    expect(elsewhere.status).toBe(401);
    expect(JSON.stringify(await elsewhere.json())).not.toContain(analyst.token);
    const bad = await app.request('GET', '/v1/alerts/stream', {
      token: analyst.token,
      headers: { 'last-event-id': 'yesterday' },
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'Last-Event-ID' }] });

    const someone = await app.user('analyst');
    const open = [await stream(someone.token), await stream(someone.token)];
    expect(open.map((s) => s.status)).toEqual([200, 200]);
    const third = await app.request('GET', '/v1/alerts/stream', { token: someone.token });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    await open[0]!.close();
    await waitFor(async () => (await stream(someone.token)).status === 200, {
      timeoutMs: 30_000,
      what: 'a stream after one closed',
    });
  });
});

describe('the analyst API', () => {
  it('lists alerts newest first in cursor pages, filtered by rule, severity, status and customer', async () => {
    const account = await app.account();
    const first = await raiseAlert(account);
    const t = new Date(Date.now() - 2 * HOUR);
    const deposits = [];
    for (const hours of [0, 1, 2]) {
      deposits.push(
        await app.posting(account, new Date(t.getTime() + hours * 60_000), {
          kind: 'deposit',
          direction: 'credit',
          amountMinor: '950000',
        }),
      );
    }
    await app.handled(...deposits);
    const all = await app.alertsOf(account.userId);
    expect(all.map((a) => a.rule)).toEqual(['structuring', 'large-amount']);

    const page = async (query: string) => {
      const response = await app.request('GET', `/v1/alerts?userId=${account.userId}&${query}`, {
        token: analyst.token,
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { items: AlertBody[]; nextCursor: string | null };
    };
    const one = await page('limit=1');
    expect(one.items.map((a) => a.rule)).toEqual(['structuring']);
    const two = await page(`limit=1&cursor=${one.nextCursor}`);
    expect(two.items.map((a) => a.id)).toEqual([first.id]);
    expect(two.nextCursor).toBeNull();
    expect((await page('rule=large-amount')).items.map((a) => a.id)).toEqual([first.id]);
    expect((await page('severity=medium')).items.map((a) => a.rule)).toEqual(['structuring']);
    expect((await page('status=false_positive')).items).toEqual([]);

    const invalid = await app.request('GET', '/v1/alerts?severity=extreme&limit=0', { token: analyst.token });
    expect(invalid.status).toBe(422);
  });

  it('shows one alert with the events behind it', async () => {
    const alert = await raiseAlert();
    const response = await app.request('GET', `/v1/alerts/${alert.id}`, { token: analyst.token });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: alert.id,
      evidenceEvents: [{ type: 'posting', eventId: alert.evidence[0], kind: 'withdrawal', direction: 'debit' }],
    });
    expect((await app.request('GET', '/v1/alerts/not-a-uuid', { token: analyst.token })).status).toBe(404);
    expect((await app.request('GET', `/v1/alerts/${randomUUID()}`, { token: analyst.token })).status).toBe(404);
  });

  it("shows a customer their own alerts, 404 for anyone else's, and lets only analysts resolve", async () => {
    const account = await app.account();
    const alert = await raiseAlert(account);
    const owner = await app.user('customer', account.userId);
    const stranger = await app.user();

    const own = await app.request('GET', '/v1/alerts', { token: owner.token });
    expect(((await own.json()) as { items: AlertBody[] }).items.map((a) => a.id)).toEqual([alert.id]);
    const others = await app.request('GET', `/v1/alerts?userId=${account.userId}`, { token: stranger.token });
    expect(((await others.json()) as { items: AlertBody[] }).items).toEqual([]);
    expect((await app.request('GET', `/v1/alerts/${alert.id}`, { token: stranger.token })).status).toBe(404);
    expect((await app.request('GET', `/v1/alerts/${alert.id}`, { token: owner.token })).status).toBe(200);

    const byOwner = await app.request('POST', `/v1/alerts/${alert.id}/resolve`, {
      token: owner.token,
      body: { resolution: 'false_positive' },
    });
    expect(byOwner.status).toBe(403);
  });

  it('resolves an open alert once, and publishes FraudAlertResolved for the Card and Account services', async () => {
    const alert = await raiseAlert();
    const resolve = (body: unknown) =>
      app.request('POST', `/v1/alerts/${alert.id}/resolve`, { token: analyst.token, body });
    expect((await resolve({ resolution: 'maybe' })).status).toBe(422);
    const resolved = await resolve({ resolution: 'false_positive', note: 'The customer was travelling' });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({
      status: 'false_positive',
      resolution: { outcome: 'false_positive', resolvedBy: analyst.userId, note: 'The customer was travelling' },
    });
    expect((await resolve({ resolution: 'confirmed_fraud' })).status).toBe(409);
    await expect
      .poll(() => app.alertEvents().find((e) => e.type === 'FraudAlertResolved' && e.payload.alertId === alert.id), {
        timeout: 30_000,
      })
      .toMatchObject({
        payload: {
          alertId: alert.id,
          accountId: alert.accountId,
          resolution: 'false_positive',
          resolvedBy: analyst.userId,
        },
      });
  });
});
