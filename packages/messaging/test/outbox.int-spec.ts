import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TopicRecorder } from '@microbank/testing';
import type { EventEnvelope } from '@microbank/contracts';
import { MessagingTestEnv, commitEach, posting, sequencesByAccount } from './messaging-test-env';

describe('the transactional outbox', () => {
  let env: MessagingTestEnv;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    env = await MessagingTestEnv.create();
    env.relay().start();
    recorder = await new TopicRecorder(env.kafka, env.group('recorder')).start([env.transactionsTopic]);
    env.onCleanup(() => recorder.stop());
  });

  afterAll(() => env?.dispose());

  it('publishes every committed row exactly once, in order per aggregate, and marks it sent', async () => {
    const accounts = Array.from({ length: 5 }, () => randomUUID());
    const events = accounts.flatMap((account) => Array.from({ length: 10 }, (_, seq) => posting(account, seq)));
    await commitEach(env.prisma, env.outbox(), events);

    await recorder.waitForCount(events.length, env.transactionsTopic);
    const received = recorder.values<EventEnvelope<string, number, { accountId: string; reference: string }>>(
      env.transactionsTopic,
    );

    expect(received.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    for (const [account, seqs] of sequencesByAccount(received)) {
      expect(seqs, account).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    const pending = await env.prisma.outboxEvent.count({ where: { publishedAt: null } });
    expect(pending).toBe(0);
  });

  it('publishes nothing for a transaction that rolled back', async () => {
    const account = randomUUID();
    const rolledBack = posting(account, 0);
    const committed = posting(account, 1);
    const before = recorder.messages.length;

    await expect(
      env.prisma.$transaction(async (tx) => {
        await env.outbox().add(tx, rolledBack);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    await commitEach(env.prisma, env.outbox(), [committed]);

    // the committed event was written after the rolled-back one: once it is here, the other would be too
    await recorder.waitForCount(before + 1, env.transactionsTopic);
    const ids = recorder.values<EventEnvelope>(env.transactionsTopic).map((e) => e.eventId);
    expect(ids).toContain(committed.eventId);
    expect(ids).not.toContain(rolledBack.eventId);
    expect(await env.prisma.outboxEvent.count({ where: { eventId: rolledBack.eventId } })).toBe(0);
  });

  it('carries the event headers and the aggregate id as the key', async () => {
    const event = posting(randomUUID(), 0);
    await commitEach(env.prisma, env.outbox(), [event]);

    await recorder.waitForCount(1, env.transactionsTopic);
    const { waitFor } = await import('@microbank/testing');
    const message = await waitFor(() => recorder.messages.find((m) => m.key === event.aggregateId), {
      timeoutMs: 30_000,
      what: 'the event',
    });

    expect(message.headers['event-id']?.toString()).toBe(event.eventId);
    expect(message.headers['event-type']?.toString()).toBe('TransactionPosted');
    expect(message.headers['event-version']?.toString()).toBe('1');
    expect(message.headers['correlation-id']?.toString()).toBe(event.correlationId);
  });
});
