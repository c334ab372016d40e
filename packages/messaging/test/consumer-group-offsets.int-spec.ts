import { randomUUID } from 'node:crypto';
import type { Admin, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionPostedV1 } from '@microbank/contracts';
import { waitFor } from '@microbank/testing';
import { consumerGroupLag, EventConsumer, resetGroupToEarliest, waitUntilGroupsEmpty } from '../src';
import { MessagingTestEnv, posting } from './messaging-test-env';

const MESSAGES = 30;

describe('consumer group offsets against the real cluster', () => {
  let env: MessagingTestEnv;
  let admin: Admin;
  let producer: Producer;
  let handled: Set<string>;

  const consumerOf = (groupId: string) => {
    const consumer = new EventConsumer({
      kafka: env.kafka,
      groupId,
      topics: [env.transactionsTopic],
      accepts: [TransactionPostedV1],
      database: env.prisma,
      topicNames: env.topics,
      handler: (event) => Promise.resolve(void handled.add(event.eventId)),
    });
    env.onCleanup(() => consumer.stop());
    return consumer;
  };

  beforeAll(async () => {
    env = await MessagingTestEnv.create();
    admin = env.kafka.admin();
    await admin.connect();
    env.onCleanup(() => admin.disconnect());
    producer = env.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    env.onCleanup(() => producer.disconnect());
    handled = new Set();
    // spread over the topic's partitions by key
    const events = Array.from({ length: MESSAGES }, (_, i) => posting(randomUUID(), i));
    await producer.send({
      topic: env.transactionsTopic,
      acks: -1,
      messages: events.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    });
  });

  afterAll(() => env?.dispose());

  it('counts every message as lag for a group that never read the topic', async () => {
    const lag = await consumerGroupLag(admin, env.group('never-read'), [env.transactionsTopic]);
    expect(lag.lag).toBe(BigInt(MESSAGES));
    expect(lag.consumed).toBe(0n);
    expect(lag.partitions.length).toBeGreaterThan(1);
  });

  it('reaches zero lag once a consumer handled every message, from the positions it finished', async () => {
    const groupId = env.group('replayed');
    const consumer = consumerOf(groupId);
    await consumer.start();
    await waitFor(() => handled.size === MESSAGES, { timeoutMs: 30_000, what: 'every message handled' });
    await waitFor(
      async () => (await consumerGroupLag(admin, groupId, [env.transactionsTopic], consumer.positions())).lag === 0n,
      { timeoutMs: 10_000, what: 'lag 0' },
    );
    const lag = await consumerGroupLag(admin, groupId, [env.transactionsTopic], consumer.positions());
    expect(lag.consumed).toBe(BigInt(MESSAGES));
  });

  it('refuses to wait forever for a group that still has a member, and names it', async () => {
    const groupId = env.group('busy');
    const consumer = consumerOf(groupId);
    await consumer.start();
    await waitFor(async () => (await admin.describeGroups([groupId])).groups[0]?.state === 'Stable', {
      timeoutMs: 30_000,
      what: 'the consumer joined',
    });
    await expect(waitUntilGroupsEmpty(admin, [groupId], { timeoutMs: 500 })).rejects.toThrow(groupId);
    await consumer.stop();
    await waitUntilGroupsEmpty(admin, [groupId], { timeoutMs: 15_000 });
    expect(['Empty', 'Dead']).toContain((await admin.describeGroups([groupId])).groups[0]?.state);
  });

  it('resets a stopped group to the earliest offsets, so its next consumer reads every message again', async () => {
    const groupId = env.group('reset');
    const first = consumerOf(groupId);
    await first.start();
    await waitFor(
      async () => (await consumerGroupLag(admin, groupId, [env.transactionsTopic], first.positions())).lag === 0n,
      { timeoutMs: 30_000, what: 'the first pass read everything' },
    );
    await first.stop(); // commits what it finished
    expect((await consumerGroupLag(admin, groupId, [env.transactionsTopic])).lag).toBe(0n);

    await waitUntilGroupsEmpty(admin, [groupId]);
    await resetGroupToEarliest(admin, groupId, [env.transactionsTopic]);
    const reset = await consumerGroupLag(admin, groupId, [env.transactionsTopic]);
    expect(reset).toMatchObject({ lag: BigInt(MESSAGES), consumed: 0n });

    const second = consumerOf(groupId);
    await second.start();
    await waitFor(
      async () => (await consumerGroupLag(admin, groupId, [env.transactionsTopic], second.positions())).lag === 0n,
      { timeoutMs: 30_000, what: 'the second pass read everything again' },
    );
    // the second consumer read every partition from its first offset, not from the first pass's commits
    const read = second.positions().reduce((sum, p) => sum + p.offset, 0n);
    expect(read).toBe(BigInt(MESSAGES));
  });

  it('resets a group Kafka does not know yet', async () => {
    const groupId = env.group(`unknown-${randomUUID()}`);
    await resetGroupToEarliest(admin, groupId, [env.transactionsTopic]);
    expect((await consumerGroupLag(admin, groupId, [env.transactionsTopic])).lag).toBe(BigInt(MESSAGES));
  });
});
