import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@microbank/contracts';
import { TopicRecorder, stackFor, waitFor } from '@microbank/testing';
import type { Stack } from '@microbank/stack';
import { MessagingTestEnv, commitEach, posting, sequencesByAccount } from './messaging-test-env';

type Received = EventEnvelope<string, number, { accountId: string; reference: string }>;

describe('the outbox relay through a Kafka outage', () => {
  let env: MessagingTestEnv;
  let stack: Stack;

  beforeAll(async () => {
    env = await MessagingTestEnv.create();
    stack = stackFor(env.stack);
  });

  afterAll(async () => {
    await stack?.up(); // whatever happened, leave the cluster whole for the next test file
    await env?.dispose();
  });

  it('delivers every row written while all brokers were down, in order per aggregate', async () => {
    const relay = env.relay();
    relay.start();
    await waitFor(() => relay.isActive, { timeoutMs: 30_000, what: 'the relay to be active' });

    for (const broker of env.stack.kafka.brokers.map((_, i) => `kafka-${i + 1}`)) {
      await (await stack.process(broker)).stop();
    }
    const accounts = [randomUUID(), randomUUID(), randomUUID()];
    await Promise.all(
      accounts.map((account) =>
        commitEach(
          env.prisma,
          env.outbox(),
          Array.from({ length: 10 }, (_, seq) => posting(account, seq)),
        ),
      ),
    );
    // nothing can have gone out: every row is still waiting
    expect(await env.prisma.outboxEvent.count({ where: { publishedAt: null } })).toBe(30);

    await stack.up();
    const recorder = await new TopicRecorder(env.kafka, env.group('recorder')).start([env.transactionsTopic]);
    env.onCleanup(() => recorder.stop());
    await recorder.waitForCount(30, env.transactionsTopic, 120_000);

    // a retried batch may repeat an event (consumers drop repeats by id); first arrivals must be complete and ordered
    const firstArrivals = [
      ...new Map(recorder.values<Received>(env.transactionsTopic).map((e) => [e.eventId, e])).values(),
    ];
    expect(firstArrivals).toHaveLength(30);
    for (const [account, seqs] of sequencesByAccount(firstArrivals)) {
      expect(seqs, account).toEqual(Array.from({ length: 10 }, (_, i) => i));
    }
    await waitFor(async () => (await env.prisma.outboxEvent.count({ where: { publishedAt: null } })) === 0, {
      timeoutMs: 30_000,
      what: 'every row marked',
    });
  });
});
