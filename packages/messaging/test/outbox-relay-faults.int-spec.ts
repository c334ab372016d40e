import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@microbank/contracts';
import { TopicRecorder, createTestTopics, deleteTestTopics, waitFor } from '@microbank/testing';
import { OutboxInspector, type MessagingLogger } from '../src';
import { FreezableProxy } from './freezable-proxy';
import { MessagingTestEnv, commitEach, posting } from './messaging-test-env';

type Received = EventEnvelope<string, number, { accountId: string; reference: string }>;

describe('the outbox relay when something is wrong', () => {
  let env: MessagingTestEnv;
  let recorder: TopicRecorder;
  let inspector: OutboxInspector;
  const warnings: string[] = [];
  const logger: MessagingLogger = {
    info: () => undefined,
    warn: (message, fields) => void warnings.push(`${message}: ${String(fields?.error)}`),
    error: (message, fields) => void warnings.push(`${message}: ${String(fields?.error)}`),
  };

  beforeEach(async () => {
    warnings.length = 0;
    env = await MessagingTestEnv.create();
    recorder = await new TopicRecorder(env.kafka, env.group('recorder')).start([env.transactionsTopic]);
    env.onCleanup(() => recorder.stop());
    inspector = new OutboxInspector((text, values) => env.prisma.$queryRawUnsafe(text, ...values));
  });

  afterEach(() => env?.dispose());

  // references in order of first arrival: a batch that Kafka rejected in part is sent again, and consumers
  // drop the duplicates by event id
  const received = () => [
    ...new Map(recorder.values<Received>(env.transactionsTopic).map((e) => [e.eventId, e.payload.reference])).values(),
  ];

  it('parks a row Kafka keeps rejecting, publishes other aggregates, and holds back the rest of its own', async () => {
    const missingTopic = `${env.topics.prefix}banking.not-created-yet`;
    const [stuck, other, large] = [randomUUID(), randomUUID(), randomUUID()];
    const toMissingTopic = { ...posting(stuck, 0), topic: missingTopic };
    const tooLarge = posting(large, 0);
    // over the broker's message.max.bytes (1 MiB by default)
    (tooLarge.payload as { reference: string }).reference = `seq-0 ${'x'.repeat(1_200_000)}`;
    await env.prisma.$transaction(
      (tx) =>
        tx.$executeRaw`
        INSERT INTO outbox_event (event_id, topic, message_key, event_type, event_version, envelope)
        VALUES (${toMissingTopic.eventId}::uuid, ${missingTopic}, ${stuck}, 'TransactionPosted', 1, ${JSON.stringify(toMissingTopic)}::jsonb)`,
    );
    await commitEach(env.prisma, env.outbox(), [posting(other, 0), tooLarge, posting(stuck, 1), posting(other, 1)]);

    env.relay({ parkAfterAttempts: 2, logger }).start();

    await recorder.waitForCount(2, env.transactionsTopic);
    await waitFor(async () => (await inspector.status()).parked === 2, { timeoutMs: 60_000, what: 'two parked rows' });
    await waitFor(async () => (await inspector.status()).pending === 1, {
      timeoutMs: 30_000,
      what: 'one row held back',
    });
    // marked published means acknowledged, not yet read back: wait for the recorder too
    await waitFor(() => received().length >= 2, { timeoutMs: 30_000, what: "the other aggregate's rows read back" });
    expect(received()).toEqual(['seq-0', 'seq-1']); // only the other aggregate's rows
    const parked = await inspector.parked();
    expect(parked.map((row) => [row.key, row.attempts, row.waitingBehind])).toEqual([
      [stuck, 2, 1],
      [large, 2, 0],
    ]);
    expect(parked[0]!.lastError).toContain(`topic ${missingTopic} does not exist`);
    expect(parked[1]!.lastError).toMatch(/larger than/i);
    expect(await inspector.status()).toMatchObject({ pending: 1, parked: 2 });

    // the operator creates the topic and hands the row back: it goes first, then the row that waited behind it
    await createTestTopics(env.kafka, env.stack, [missingTopic]);
    env.onCleanup(() => deleteTestTopics(env.kafka, [missingTopic]));
    const reader = await new TopicRecorder(env.kafka, env.group('missing-topic-reader')).start([missingTopic]);
    env.onCleanup(() => reader.stop());
    expect(await inspector.retry([parked[0]!.id])).toBe(1);

    await reader.waitForCount(1, missingTopic);
    await waitFor(() => received().length === 3, { timeoutMs: 30_000, what: 'the held-back row' });
    // the relay marks rows once Kafka acknowledged them: a consumer may see a record a moment before its mark
    const stuckRows = await waitFor(
      async () => {
        const rows = await env.prisma.outboxEvent.findMany({ where: { messageKey: stuck }, orderBy: { id: 'asc' } });
        return rows.every((row) => row.publishedAt !== null) ? rows : undefined;
      },
      { timeoutMs: 30_000, what: 'both rows of the held-back aggregate marked published' },
    );
    expect(stuckRows[0]!.publishedAt!.getTime()).toBeLessThanOrEqual(stuckRows[1]!.publishedAt!.getTime());
    expect(await inspector.status()).toMatchObject({ pending: 0, parked: 1 });
  });

  it('gives up a hung database connection after its query timeout, and publishes again on a new one', async () => {
    const proxy = await FreezableProxy.start({
      host: '127.0.0.1',
      port: Number(new URL(env.database.url).port),
    });
    env.onCleanup(() => proxy.close());
    const relay = env.relay({ databaseUrl: proxy.url(env.database.url), queryTimeoutMs: 1_000, logger });
    relay.start();
    const account = randomUUID();
    await commitEach(env.prisma, env.outbox(), [posting(account, 0)]);
    await recorder.waitForCount(1, env.transactionsTopic);

    proxy.freeze(); // the relay's connection now swallows every query without an answer
    await commitEach(env.prisma, env.outbox(), [posting(account, 1), posting(account, 2)]);

    await waitFor(() => received().length === 3, { timeoutMs: 30_000, what: 'the rows written after the freeze' });
    expect(received()).toEqual(['seq-0', 'seq-1', 'seq-2']);
    expect(warnings.some((w) => /Query read timeout/.test(w))).toBe(true);
    expect(relay.isActive).toBe(true);
  });
});
