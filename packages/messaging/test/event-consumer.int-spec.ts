import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TransactionPostedV1, type EventEnvelope } from '@microbank/contracts';
import { waitFor } from '@microbank/testing';
import { EventConsumer, EventRejectedError, listDeadLetters, redriveDeadLetters, type MessageContext } from '../src';
import { MessagingTestEnv, posting, type TestPrisma } from './messaging-test-env';

type Posting = ReturnType<typeof posting>;
type Tx = Parameters<Parameters<TestPrisma['$transaction']>[0]>[0];

describe('the idempotent consumer', () => {
  let env: MessagingTestEnv;
  let producer: Producer;
  let handled: { event: Posting; context: MessageContext }[];
  let failures: Map<string, () => Error | undefined>;

  // the handler's effect: append the event's reference to its aggregate's row, in the consumer's transaction
  async function apply(event: Posting, tx: Tx, context: MessageContext): Promise<void> {
    const failure = failures.get(event.eventId)?.();
    if (failure) throw failure;
    await tx.$executeRaw`
      INSERT INTO test_aggregate (id, applied, updates) VALUES (${event.aggregateId}, ARRAY[${event.payload.reference}], 1)
      ON CONFLICT (id) DO UPDATE SET applied = test_aggregate.applied || EXCLUDED.applied, updates = test_aggregate.updates + 1`;
    handled.push({ event, context });
  }

  const send = (value: unknown, key: string, headers: Record<string, string> = {}) =>
    producer.send({
      topic: env.transactionsTopic,
      acks: -1,
      messages: [{ key, value: JSON.stringify(value), headers }],
    });

  const handledIds = () => handled.map((h) => h.event.eventId);

  beforeAll(async () => {
    env = await MessagingTestEnv.create();
    producer = env.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    env.onCleanup(() => producer.disconnect());
    handled = [];
    failures = new Map();
    const consumer = new EventConsumer({
      kafka: env.kafka,
      groupId: env.group('ledger-projection'),
      topics: [env.transactionsTopic],
      accepts: [TransactionPostedV1],
      database: env.prisma,
      topicNames: env.topics,
      maxAttemptsForUnknownFailures: 3,
      handler: apply,
    });
    await consumer.start();
    env.onCleanup(() => consumer.stop());
  });

  beforeEach(() => failures.clear());

  afterAll(() => env?.dispose());

  it('applies a redelivered event (same eventId) only once', async () => {
    const event = posting(randomUUID(), 1);
    const marker = posting(event.aggregateId, 2);

    await send(event, event.aggregateId);
    await send(event, event.aggregateId);
    await send(marker, marker.aggregateId);
    await waitFor(() => handledIds().includes(marker.eventId), { timeoutMs: 60_000, what: 'the marker event' });

    expect(handledIds().filter((id) => id === event.eventId)).toHaveLength(1);
    const row = await env.prisma.aggregate.findUniqueOrThrow({ where: { id: event.aggregateId } });
    expect(row).toMatchObject({ applied: ['seq-1', 'seq-2'], updates: 2 });
    expect(await env.prisma.inboxEvent.count({ where: { eventId: event.eventId } })).toBe(1);
  });

  it('dead-letters an invalid payload and an unknown version with their reason, and processes what follows', async () => {
    const account = randomUUID();
    const invalid = {
      ...posting(account, 1),
      payload: { ...posting(account, 1).payload, amount: { amountMinor: '10.50', currency: 'EUR' } },
    };
    const unknownVersion = { ...posting(account, 2), version: 7 };
    const after = posting(account, 3);

    await send(invalid, account);
    await send(unknownVersion, account);
    await send(after, account);
    await waitFor(() => handledIds().includes(after.eventId), {
      timeoutMs: 60_000,
      what: 'the event after the bad ones',
    });

    const letters = await waitFor(
      async () => {
        const all = await listDeadLetters(env.kafka, env.topics.deadLetterOf(env.transactionsTopic));
        const ours = all.filter((l) => l.key === account);
        return ours.length >= 2 ? ours : undefined;
      },
      { timeoutMs: 30_000, what: 'two dead letters' },
    );
    expect(letters.map((l) => l.reason).sort()).toEqual(['invalid-payload', 'unknown-version']);
    for (const letter of letters) {
      expect(letter.originalTopic).toBe(env.transactionsTopic);
      expect(letter.attempts).toBe(1);
      expect(letter.headers['dlt-original-offset']).toBeDefined();
    }
    expect(letters.find((l) => l.reason === 'invalid-payload')!.error).toMatch(/amount\.amountMinor/);
    expect(handledIds()).not.toContain(invalid.eventId);
  });

  it('retries a transient failure in place, without skipping ahead', async () => {
    const account = randomUUID();
    const flaky = posting(account, 1);
    const next = posting(account, 2);
    let calls = 0;
    failures.set(flaky.eventId, () =>
      ++calls <= 2 ? Object.assign(new Error('connection reset'), { code: 'ECONNRESET' }) : undefined,
    );

    await send(flaky, account);
    await send(next, account);
    await waitFor(() => handledIds().includes(next.eventId), {
      timeoutMs: 60_000,
      what: 'the event after the flaky one',
    });

    expect(calls).toBe(3);
    const order = handled.filter((h) => h.event.aggregateId === account).map((h) => h.event.payload.reference);
    expect(order).toEqual(['seq-1', 'seq-2']);
  });

  it('gives an unknown failure its own attempts, however many transient failures came before it', async () => {
    const account = randomUUID();
    const event = posting(account, 1);
    const next = posting(account, 2);
    const connectionLost = () => Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
    const bug = () => new TypeError("Cannot read properties of undefined (reading 'id')");
    // a short database outage (more failures than the unknown budget of 3), then a glitch that passes on its third try
    const outcomes = [connectionLost, connectionLost, connectionLost, connectionLost, bug, bug];
    let calls = 0;
    failures.set(event.eventId, () => outcomes[calls++]?.());

    await send(event, account);
    await send(next, account);
    await waitFor(() => handledIds().includes(next.eventId), {
      timeoutMs: 60_000,
      what: 'the event after the failing one',
    });

    expect(handledIds().filter((id) => id === event.eventId)).toHaveLength(1);
    const row = await env.prisma.aggregate.findUniqueOrThrow({ where: { id: account } });
    expect(row).toMatchObject({ applied: ['seq-1', 'seq-2'], updates: 2 });
    const letters = await listDeadLetters(env.kafka, env.topics.deadLetterOf(env.transactionsTopic));
    expect(letters.filter((l) => l.key === account)).toEqual([]);
    expect(calls).toBe(outcomes.length + 1);
  });

  it('dead-letters a domain rejection at once, and re-drives it once the cause is fixed', async () => {
    const account = randomUUID();
    const rejected = posting(account, 1);
    failures.set(rejected.eventId, () => new EventRejectedError('account is closed'));

    await send(rejected, account, { 'event-id': rejected.eventId });
    const letter = await waitFor(
      async () =>
        (await listDeadLetters(env.kafka, env.topics.deadLetterOf(env.transactionsTopic))).find(
          (l) => l.key === account,
        ),
      { timeoutMs: 60_000, what: 'the rejected event in the dead-letter topic' },
    );
    expect(letter).toMatchObject({
      reason: 'rejected',
      error: 'account is closed',
      attempts: 1,
      eventId: rejected.eventId,
    });
    expect(handledIds()).not.toContain(rejected.eventId);

    failures.clear(); // the cause is fixed
    await redriveDeadLetters(env.kafka, [letter]);
    await waitFor(() => handledIds().includes(rejected.eventId), { timeoutMs: 60_000, what: 'the re-driven event' });
  });

  it('gives the handler the event with its correlation id and where it sat in Kafka', async () => {
    const event = posting(randomUUID(), 1);
    await send(event, event.aggregateId);
    const seen = await waitFor(() => handled.find((h) => h.event.eventId === event.eventId), { timeoutMs: 60_000 });

    expect(seen.event.correlationId).toBe(event.correlationId);
    expect(seen.context.topic).toBe(env.transactionsTopic);
    expect(Number(seen.context.offset)).toBeGreaterThanOrEqual(0);
    expect((seen.event as EventEnvelope).payload).toEqual(event.payload);
  });
});
