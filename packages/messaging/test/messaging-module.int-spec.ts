import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountFrozenV1,
  Topics,
  TransactionPostedV1,
  causedBy,
  createEvent,
  type EventOf,
} from '@microbank/contracts';
import { createTestTopics, deleteTestTopics, waitFor } from '@microbank/testing';
import { EventConsumerName, HandlesEvents, MessagingModule, OutboxWriter, type SqlExecutor } from '../src';
import { MessagingTestEnv, posting, type TestPrisma } from './messaging-test-env';

const PRISMA = Symbol('PRISMA');

// a consumer as a service writes one: its handler runs in the inbox transaction and may emit caused events
@Injectable()
@EventConsumerName('freeze-on-large-debit')
class FreezeOnLargeDebitConsumer {
  constructor(@Inject(OutboxWriter) private readonly outbox: OutboxWriter) {}

  static calls = 0;

  @HandlesEvents(TransactionPostedV1)
  async onTransactionPosted(event: EventOf<typeof TransactionPostedV1>, tx: SqlExecutor): Promise<void> {
    FreezeOnLargeDebitConsumer.calls++;
    await tx.$executeRaw`
      INSERT INTO test_aggregate (id, updates) VALUES (${event.aggregateId}, 1)
      ON CONFLICT (id) DO UPDATE SET updates = test_aggregate.updates + 1`;
    const frozen = createEvent(
      AccountFrozenV1,
      event.payload.accountId,
      { accountId: event.payload.accountId, reason: 'large debit', alertId: null },
      causedBy(event, 'account'),
    );
    await this.outbox.add(tx, frozen);
  }
}

describe('MessagingModule in a Nest application', () => {
  let env: MessagingTestEnv;
  let app: INestApplicationContext;

  beforeAll(async () => {
    env = await MessagingTestEnv.create();
    await createTestTopics(env.kafka, env.stack, [env.topics.of(Topics.accounts)]);
    env.onCleanup(() => deleteTestTopics(env.kafka, [env.topics.of(Topics.accounts)]));

    @Module({
      imports: [
        MessagingModule.forRoot({
          service: 'account',
          databaseUrl: env.database.url,
          brokers: env.stack.kafka.brokers,
          database: PRISMA,
          topicPrefix: env.topics.prefix,
        }),
      ],
      providers: [{ provide: PRISMA, useValue: env.prisma }, FreezeOnLargeDebitConsumer],
    })
    class TestAppModule {}

    app = await NestFactory.createApplicationContext(TestAppModule, { logger: false });
    app.enableShutdownHooks();
    await app.init();
    env.groups.push(`${env.topics.prefix}microbank.account.freeze-on-large-debit`);
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  it('relays outbox rows, runs @HandlesEvents handlers once, and carries the correlation into caused events', async () => {
    const prisma = app.get<TestPrisma>(PRISMA);
    const outbox = app.get(OutboxWriter);
    const debit = posting(randomUUID(), 1);

    await prisma.$transaction((tx) => outbox.add(tx, debit));

    const caused = await waitFor(
      () =>
        prisma.outboxEvent.findFirst({ where: { eventType: 'AccountFrozen', messageKey: debit.payload.accountId } }),
      { timeoutMs: 60_000, what: 'the AccountFrozen event the handler wrote' },
    );
    const envelope = caused.envelope as { correlationId: string; causationId: string; source: string };
    expect(envelope).toMatchObject({
      correlationId: debit.correlationId,
      causationId: debit.eventId,
      source: 'account',
    });
    await waitFor(async () => (await prisma.outboxEvent.count({ where: { publishedAt: null } })) === 0, {
      timeoutMs: 30_000,
      what: 'the caused event relayed too',
    });

    // the same event delivered again, then a marker on the same key: the marker proves the duplicate was read
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: env.transactionsTopic,
      messages: [{ key: debit.aggregateId, value: JSON.stringify(debit) }],
    });
    await producer.disconnect();
    const marker = posting(debit.aggregateId, 2);
    await prisma.$transaction((tx) => outbox.add(tx, marker));
    await waitFor(async () => (await prisma.inboxEvent.count({ where: { eventId: marker.eventId } })) === 1, {
      timeoutMs: 60_000,
      what: 'the marker handled',
    });

    expect(FreezeOnLargeDebitConsumer.calls).toBe(2); // the debit once, the marker once
    expect(await prisma.aggregate.findUnique({ where: { id: debit.aggregateId } })).toMatchObject({ updates: 2 });
  });

  it('shuts the relay and consumers down cleanly', async () => {
    await expect(app.close()).resolves.toBeUndefined();
  });
});
