import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountOpenedV1,
  createEvent,
  FraudAlertRaisedV1,
  FraudAlertResolvedV1,
  Topics,
  TransactionPostedV2,
  type EventEnvelope,
} from '@microbank/contracts';
import { waitFor, withAdmin, type EventStreamClient } from '@microbank/testing';
import type { AlertView } from '../src/alerts/alert-view';
import type { ClusterView } from '../src/cluster/cluster-view';
import type { FeedEvent } from '../src/events/feed-event';
import type { GroupsView } from '../src/groups/group-lag';
import { DashboardUnderTest } from './dashboard-test-app';

const origin = { source: 'account' as const, correlationId: `corr-${randomUUID()}` };

function posted(accountId: string, amountMinor: string) {
  return createEvent(
    TransactionPostedV2,
    accountId,
    {
      ...TransactionPostedV2.example,
      transactionId: randomUUID(),
      accountId,
      kind: 'withdrawal',
      card: null,
      amount: { amountMinor, currency: 'GBP' },
      balanceAfter: { amountMinor: '0', currency: 'GBP' },
    },
    origin,
  );
}

function raised(evidence: EventEnvelope) {
  const accountId = evidence.aggregateId;
  return createEvent(
    FraudAlertRaisedV1,
    accountId,
    {
      ...FraudAlertRaisedV1.example,
      alertId: randomUUID(),
      rule: 'large-amount',
      accountId,
      cardId: null,
      evidence: [evidence.eventId, randomUUID()],
      amount: { amountMinor: '900000', currency: 'GBP' },
      freezeCard: false,
      freezeAccount: true,
    },
    { source: 'fraud', correlationId: evidence.correlationId, causationId: evidence.eventId },
  );
}

const alertsOf = (stream: EventStreamClient) =>
  stream.events.filter((e) => e.event === 'alert').map((e) => JSON.parse(e.data) as AlertView);
const eventsOf = (stream: EventStreamClient) =>
  stream.events.filter((e) => e.event === 'event').map((e) => JSON.parse(e.data) as FeedEvent);

describe('the dashboard API against the real cluster', () => {
  let dashboard: DashboardUnderTest;
  let analyst: string;
  const streams: EventStreamClient[] = [];
  const open = async (path: string, headers: Record<string, string> = {}) => {
    const stream = await dashboard.stream(path, analyst, headers);
    streams.push(stream);
    expect(stream.status).toBe(200);
    return stream;
  };

  beforeAll(async () => {
    dashboard = await DashboardUnderTest.start();
    analyst = await dashboard.token('analyst');
  });

  afterAll(async () => {
    await Promise.all(streams.map((stream) => stream.close()));
    await dashboard?.stop();
  });

  it('answers 401 without a token and 403 to a customer, as problem+json; the page itself is public', async () => {
    const anonymous = await dashboard.get<{ status: number; type: string }>('/api/cluster');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(anonymous.body.type).toMatch(/unauthorized$/);

    const customer = await dashboard.token('customer');
    for (const path of ['/api/cluster', '/api/groups', '/api/session', `/api/alerts/stream?access_token=${customer}`]) {
      const refused = await dashboard.get<{ status: number; detail: string }>(path, { token: customer });
      expect(refused.status, path).toBe(403);
      expect(refused.body.detail).toBe('The dashboard is for analysts.');
    }
    const tampered = await dashboard.get('/api/session', { token: `${analyst.slice(0, -4)}AAAA` });
    expect(tampered.status).toBe(401);

    const page = await fetch(`${dashboard.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/assets/main.js">');
    expect((await dashboard.get<{ loginUrl: string }>('/config.json')).body).toEqual({
      loginUrl: 'http://127.0.0.1:3001',
    });
    expect((await dashboard.get('/assets/..%2Fconfig.ts')).status).toBe(404);
    const ready = await waitFor(
      async () => {
        const reply = await dashboard.get<{ checks: { kafka: { readAt: string } } }>('/health/ready');
        return reply.status === 200 ? reply.body : undefined;
      },
      { timeoutMs: 30_000, what: 'the dashboard ready (the cluster read)' },
    );
    expect(Date.parse(ready.checks.kafka.readAt)).toBeGreaterThan(Date.now() - 30_000);
  });

  it('relays a raised alert with its evidence to every analyst connected, then its resolution', async () => {
    const [first, second] = [await open('/api/alerts/stream'), await open('/api/alerts/stream')];
    const withdrawal = posted(randomUUID(), '900000');
    const alert = raised(withdrawal);
    await dashboard.publish(Topics.transactions, withdrawal);
    // the evidence is read before the alert, as in the bank: the alert is caused by it
    await waitFor(async () => (await feedOnce(`q=${withdrawal.aggregateId}`)).length === 1, {
      timeoutMs: 30_000,
      what: 'the withdrawal in the feed',
    });
    await dashboard.publish(Topics.alerts, alert);

    for (const stream of [first, second]) {
      const [relayed] = await waitFor(() => nonEmpty(alertsOf(stream)), {
        timeoutMs: 30_000,
        what: 'the alert on a stream',
      });
      expect(relayed).toMatchObject({
        kind: 'raised',
        alertId: alert.payload.alertId,
        rule: 'large-amount',
        severity: alert.payload.severity,
        accountId: withdrawal.aggregateId,
        correlationId: withdrawal.correlationId,
        freezeAccount: true,
        amount: { amountMinor: '900000', currency: 'GBP' },
      });
      // one evidence event the dashboard saw, one older than its memory: named by id only
      expect(relayed!.kind === 'raised' && relayed!.evidence).toEqual([
        {
          eventId: withdrawal.eventId,
          type: 'TransactionPosted',
          topic: Topics.transactions,
          occurredAt: withdrawal.occurredAt,
          payload: withdrawal.payload,
        },
        { eventId: alert.payload.evidence[1], type: null, topic: null, occurredAt: null, payload: null },
      ]);
      expect(stream.events[0]!.id).toBe(relayed!.id);
      expect(relayed!.id).toMatch(/^banking\.alerts\/\d\/\d+$/);
    }

    const resolution = createEvent(
      FraudAlertResolvedV1,
      alert.aggregateId,
      {
        alertId: alert.payload.alertId,
        accountId: alert.aggregateId,
        cardId: null,
        resolution: 'false_positive',
        resolvedBy: randomUUID(),
        note: 'the customer confirmed it',
      },
      { source: 'fraud', correlationId: `corr-${randomUUID()}` },
    );
    await dashboard.publish(Topics.alerts, resolution);
    for (const stream of [first, second]) {
      await waitFor(() => alertsOf(stream).length === 2, { timeoutMs: 30_000, what: 'the resolution on a stream' });
      expect(alertsOf(stream)[1]).toMatchObject({
        kind: 'resolved',
        alertId: alert.payload.alertId,
        resolution: 'false_positive',
      });
    }
  });

  it('sends a reconnecting browser every alert after its Last-Event-ID, and all it keeps to a new one', async () => {
    const before = await open('/api/alerts/stream');
    const kept = await waitFor(() => (alertsOf(before).length >= 2 ? alertsOf(before) : undefined), {
      timeoutMs: 30_000,
      what: 'the alerts kept so far',
    });
    const lastSeen = kept.at(-1)!;
    await before.close();

    const missed = [raised(posted(randomUUID(), '700000')), raised(posted(randomUUID(), '800000'))];
    // one account: both on one partition, in this order
    const sameAccount = missed.map((event) => ({ ...event, aggregateId: missed[0]!.aggregateId }));
    await dashboard.publish(Topics.alerts, ...sameAccount);

    const resumed = await open('/api/alerts/stream', { 'last-event-id': lastSeen.id });
    await waitFor(() => alertsOf(resumed).length >= 2, { timeoutMs: 30_000, what: 'the missed alerts' });
    expect(alertsOf(resumed).map((a) => a.kind === 'raised' && a.alertId)).toEqual(
      missed.map((event) => event.payload.alertId),
    );

    const fresh = await open('/api/alerts/stream');
    await waitFor(() => alertsOf(fresh).length === kept.length + 2, {
      timeoutMs: 30_000,
      what: 'every alert kept, to a new stream',
    });
    const unknown = await open('/api/alerts/stream', { 'last-event-id': 'banking.alerts/0/999999' });
    await waitFor(() => alertsOf(unknown).length === kept.length + 2, {
      timeoutMs: 30_000,
      what: 'every alert kept, past an unknown id',
    });
  });

  /** What a new feed stream with `query` sends before it is live: the recent past that matches. */
  async function feedOnce(query: string): Promise<FeedEvent[]> {
    const stream = await dashboard.stream(`/api/events/stream?${query}`, analyst);
    try {
      // the recent past comes first, then a comment that says the stream is live
      await waitFor(() => stream.comments.some((c) => c.includes('caught up')), {
        timeoutMs: 30_000,
        what: 'the feed caught up',
      });
      return eventsOf(stream);
    } finally {
      await stream.close();
    }
  }

  it('filters the event feed by topic, by event type and by a search over aggregate and correlation ids', async () => {
    const [ada, bob] = [randomUUID(), randomUUID()];
    const opened = createEvent(
      AccountOpenedV1,
      ada,
      { ...AccountOpenedV1.example, accountId: ada },
      { source: 'account', correlationId: `corr-${randomUUID()}` },
    );
    const live = await open(`/api/events/stream?q=${ada.slice(0, 13).toUpperCase()}`);
    await dashboard.publish(Topics.accounts, opened);
    await dashboard.publish(Topics.transactions, posted(ada, '100'), posted(bob, '200'), posted(ada, '300'));

    const adas = await waitFor(() => (eventsOf(live).length === 3 ? eventsOf(live) : undefined), {
      timeoutMs: 30_000,
      what: "Ada's three events on the live stream",
    });
    expect(adas.map((e) => e.type).sort()).toEqual(['AccountOpened', 'TransactionPosted', 'TransactionPosted']);
    expect(adas.every((e) => e.aggregateId === ada)).toBe(true);

    const onlyPostings = await feedOnce(`type=TransactionPosted&q=${ada}`);
    expect(onlyPostings.map((e) => (e.payload as { amount: { amountMinor: string } }).amount.amountMinor)).toEqual([
      '100',
      '300',
    ]);
    const accountsTopic = await feedOnce(`topic=${Topics.accounts}`);
    expect(accountsTopic.map((e) => e.eventId)).toEqual([opened.eventId]);
    expect(accountsTopic[0]).toMatchObject({ topic: Topics.accounts, type: 'AccountOpened', version: 1 });
    const byCorrelation = await feedOnce(`q=${opened.correlationId}`);
    expect(byCorrelation.map((e) => e.eventId)).toEqual([opened.eventId]);

    const bad = await dashboard.get<{ errors: { field: string }[] }>(
      `/api/events/stream?topic=banking.nope&type=Nonsense&access_token=${analyst}`,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.field)).toEqual(['topic.0', 'type']);
  });

  it("shows the cluster as Kafka's admin API and ZooKeeper see it: brokers, controller, leaders, replicas, ISR", async () => {
    const truth = await withAdmin(dashboard.kafka, (admin) => admin.describeCluster());
    const cluster = await waitFor(
      async () => {
        const { body } = await dashboard.get<ClusterView>('/api/cluster', { token: analyst });
        return body.error === null && body.controllerId === truth.controller ? body : undefined;
      },
      { timeoutMs: 30_000, what: 'a fresh read of the cluster' },
    );
    expect(cluster.brokers.filter((b) => b.up).map((b) => b.nodeId)).toEqual(
      truth.brokers.map((b) => b.nodeId).sort((a, b) => a - b),
    );
    expect(cluster.brokers.filter((b) => b.controller).map((b) => b.nodeId)).toEqual([truth.controller]);
    expect(cluster.zookeeper).toHaveLength(dashboard.stack.zookeeper.connect.split(',').length);
    expect(cluster.zookeeper.filter((zk) => zk.mode === 'leader' || zk.mode === 'standalone')).toHaveLength(1);

    // its own copies of every business topic and dead-letter topic, nothing of the demo's or another run's
    expect(cluster.topics.map((t) => t.topic).sort()).toEqual(
      Object.values(Topics)
        .flatMap((topic) => [topic, `${topic}.dlt`])
        .sort(),
    );
    for (const { partitions } of cluster.topics) {
      expect(partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
      for (const p of partitions) {
        expect(p.replicas).toHaveLength(dashboard.stack.kafka.replicationFactor);
        expect(p.isr).toContain(p.leader);
        expect(p.replicas).toEqual(expect.arrayContaining([...p.isr]));
      }
    }
    const led = cluster.topics.flatMap((t) => t.partitions).filter((p) => p.leader !== -1).length;
    expect(cluster.brokers.reduce((n, b) => n + b.leads, 0)).toBe(led);
  });

  it('samples each service group’s lag per partition, and keeps the samples for the chart', async () => {
    const groupId = `${dashboard.prefix}microbank.test.lagging`;
    const topic = `${dashboard.prefix}${Topics.transactions}`;
    await dashboard.publish(Topics.transactions, ...Array.from({ length: 6 }, () => posted(randomUUID(), '1')));
    const marks = await withAdmin(dashboard.kafka, (admin) => admin.fetchTopicOffsets(topic));
    // the group has read one message of each partition that has any
    await withAdmin(dashboard.kafka, (admin) =>
      admin.setOffsets({
        groupId,
        topic,
        partitions: marks.map(({ partition, high }) => ({ partition, offset: Number(high) > 0 ? '1' : '0' })),
      }),
    );
    const expected = marks
      .map(({ partition, high }) => ({ partition, lag: Math.max(0, Number(high) - 1) }))
      .sort((a, b) => a.partition - b.partition);
    const total = expected.reduce((n, p) => n + p.lag, 0);

    const lagging = await waitFor(
      async () => {
        const { body } = await dashboard.get<GroupsView>('/api/groups', { token: analyst });
        return body.groups.find((g) => g.groupId === 'microbank.test.lagging' && g.lag === total) ? body : undefined;
      },
      { timeoutMs: 30_000, what: 'the group’s lag sampled' },
    );
    const group = lagging.groups.find((g) => g.groupId === 'microbank.test.lagging')!;
    expect(group.partitions.map(({ topic: t, partition, lag }) => ({ t, partition, lag }))).toEqual(
      expected.map((p) => ({ t: Topics.transactions, ...p })),
    );
    // only this run's service groups: not the dashboard's own tap, nor anyone else's
    expect(lagging.groups.map((g) => g.groupId)).toEqual(['microbank.test.lagging']);

    // the group catches up: the chart's samples go from the lag down to zero
    await withAdmin(dashboard.kafka, (admin) =>
      admin.setOffsets({
        groupId,
        topic,
        partitions: marks.map(({ partition, high }) => ({ partition, offset: high })),
      }),
    );
    const history = await waitFor(
      async () => {
        const { body } = await dashboard.get<GroupsView>('/api/groups', { token: analyst });
        const series = body.history.map((s) => s.lag['microbank.test.lagging']);
        return series.at(-1) === 0 ? series : undefined;
      },
      { timeoutMs: 30_000, what: 'the lag back to zero in the samples' },
    );
    expect(history).toContain(total);
    expect(history.indexOf(total)).toBeLessThan(history.lastIndexOf(0));
  });
});

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
