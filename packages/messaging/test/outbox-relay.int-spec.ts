import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransactionPostedV1, type EventEnvelope } from '@microbank/contracts';
import { TopicRecorder, waitFor } from '@microbank/testing';
import { EventConsumer } from '../src';
import { MessagingTestEnv, commitEach, posting, sequencesByAccount } from './messaging-test-env';
import { RelayProcess } from './relay-process';

type Received = EventEnvelope<string, number, { accountId: string; reference: string }>;

describe('the outbox relay', () => {
  let env: MessagingTestEnv;
  let recorder: TopicRecorder;

  beforeEach(async () => {
    env = await MessagingTestEnv.create();
    recorder = await new TopicRecorder(env.kafka, env.group('recorder')).start([env.transactionsTopic]);
    env.onCleanup(() => recorder.stop());
  });

  afterEach(() => env?.dispose());

  const received = () => recorder.values<Received>(env.transactionsTopic);

  it('publishes again after a crash between publishing and marking, and the consumer applies the event once', async () => {
    const event = posting(randomUUID(), 1);
    await commitEach(env.prisma, env.outbox(), [event]);

    const crashing = RelayProcess.start(env, { crashAfterPublish: true });
    await crashing.waitFor('published');
    expect(await crashing.exited()).toBe('SIGKILL');
    const row = await env.prisma.outboxEvent.findUniqueOrThrow({ where: { eventId: event.eventId } });
    expect(row.publishedAt).toBeNull(); // the crash came before the mark

    env.relay().start();
    await recorder.waitForCount(2, env.transactionsTopic);
    expect(received().map((e) => e.eventId)).toEqual([event.eventId, event.eventId]);
    await waitFor(async () => (await env.prisma.outboxEvent.count({ where: { publishedAt: null } })) === 0, {
      timeoutMs: 30_000,
      what: 'the row to be marked',
    });

    let applied = 0;
    const consumer = new EventConsumer({
      kafka: env.kafka,
      groupId: env.group('projection'),
      topics: [env.transactionsTopic],
      accepts: [TransactionPostedV1],
      database: env.prisma,
      handler: async (applying, tx) => {
        applied++;
        await tx.$executeRaw`
          INSERT INTO test_aggregate (id, updates) VALUES (${applying.aggregateId}, 1)
          ON CONFLICT (id) DO UPDATE SET updates = test_aggregate.updates + 1`;
      },
    });
    await consumer.start();
    env.onCleanup(() => consumer.stop());
    await waitFor(async () => (await env.prisma.inboxEvent.count()) === 1 && applied === 1, {
      timeoutMs: 60_000,
      what: 'the event applied',
    });
    const second = posting(event.aggregateId, 2);
    await commitEach(env.prisma, env.outbox(), [second]);
    await waitFor(async () => (await env.prisma.inboxEvent.count()) === 2, {
      timeoutMs: 60_000,
      what: 'the next event applied',
    });

    expect(applied).toBe(2); // the duplicate of the first event was skipped
    const aggregate = await env.prisma.aggregate.findUniqueOrThrow({ where: { id: event.aggregateId } });
    expect(aggregate.updates).toBe(2);
  });

  it('lets only one of two relays publish: per-aggregate order holds and nothing is published twice', async () => {
    const first = env.relay({ standbyRetryMs: 200 });
    const second = env.relay({ standbyRetryMs: 200 });
    first.start();
    second.start();
    await waitFor(() => first.isActive || second.isActive, { timeoutMs: 30_000, what: 'an active relay' });

    const accounts = Array.from({ length: 10 }, () => randomUUID());
    // each account's events commit one after another; the accounts write concurrently
    await Promise.all(
      accounts.map((account) =>
        commitEach(
          env.prisma,
          env.outbox(),
          Array.from({ length: 20 }, (_, seq) => posting(account, seq)),
        ),
      ),
    );
    await recorder.waitForCount(200, env.transactionsTopic);

    const ids = received().map((e) => e.eventId);
    expect(new Set(ids).size).toBe(200);
    expect(ids).toHaveLength(200);
    for (const [account, seqs] of sequencesByAccount(received())) {
      expect(seqs, account).toEqual(Array.from({ length: 20 }, (_, i) => i));
    }
    expect([first.isActive, second.isActive].filter(Boolean)).toHaveLength(1);
  });

  it('hands over to a standby when the active relay dies', async () => {
    const holder = RelayProcess.start(env, { crashAfterPublish: false });
    await holder.waitFor('active');
    const standby = env.relay({ standbyRetryMs: 200 });
    standby.start();
    const account = randomUUID();

    await commitEach(env.prisma, env.outbox(), [posting(account, 0), posting(account, 1)]);
    await recorder.waitForCount(2, env.transactionsTopic);
    expect(standby.isActive).toBe(false); // the process holds the lock and published these

    await holder.kill();
    await commitEach(env.prisma, env.outbox(), [posting(account, 2), posting(account, 3)]);
    await recorder.waitForCount(4, env.transactionsTopic);

    expect(standby.isActive).toBe(true);
    expect(sequencesByAccount(received()).get(account)).toEqual([0, 1, 2, 3]);
  });
});
