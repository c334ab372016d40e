import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Inject, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
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
import {
  DeadLetterHeaders,
  EventConsumerName,
  EventContext,
  EventRejectedError,
  KafkaEventTransport,
  MessagingModule,
  OnEvent,
  OutboxWriter,
  headerText,
  listDeadLetters,
} from '../src';
import { MessagingTestEnv, posting, type TestPrisma } from './messaging-test-env';

const PRISMA = Symbol('PRISMA');

// a consumer as a service writes one: its handler runs in the inbox transaction and may emit caused events
@EventConsumerName('freeze-on-large-debit')
class FreezeOnLargeDebitConsumer {
  constructor(@Inject(OutboxWriter) private readonly outbox: OutboxWriter) {}

  static calls = 0;
  static contexts = new Map<string, EventContext>();

  @OnEvent(TransactionPostedV1)
  async onTransactionPosted(
    @Payload() event: EventOf<typeof TransactionPostedV1>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    FreezeOnLargeDebitConsumer.calls++;
    FreezeOnLargeDebitConsumer.contexts.set(event.eventId, context);
    await context.tx.$executeRaw`
      INSERT INTO test_aggregate (id, updates) VALUES (${event.aggregateId}, 1)
      ON CONFLICT (id) DO UPDATE SET updates = test_aggregate.updates + 1`;
    const frozen = createEvent(
      AccountFrozenV1,
      event.payload.accountId,
      { accountId: event.payload.accountId, reason: 'large debit', alertId: null },
      causedBy(event, 'account'),
    );
    await this.outbox.add(context.tx, frozen);
  }
}

// a second consumer of the same event in the same app, with a domain rule that rejects some of them
@EventConsumerName('refuse-closed-accounts')
class RefuseClosedAccountsConsumer {
  static closed = new Set<string>();

  @OnEvent(TransactionPostedV1)
  async onTransactionPosted(@Payload() event: EventOf<typeof TransactionPostedV1>): Promise<void> {
    if (RefuseClosedAccountsConsumer.closed.has(event.payload.accountId)) {
      throw new EventRejectedError('account is closed');
    }
    await Promise.resolve();
  }
}

describe('MessagingModule in a Nest application', () => {
  let env: MessagingTestEnv;
  let app: NestFastifyApplication;
  // each named consumer is its own group, with its own inbox rows
  const FREEZE_GROUP = () => `${env.topics.prefix}microbank.account.freeze-on-large-debit`;
  const REFUSE_GROUP = () => `${env.topics.prefix}microbank.account.refuse-closed-accounts`;

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
      controllers: [FreezeOnLargeDebitConsumer, RefuseClosedAccountsConsumer],
      providers: [{ provide: PRISMA, useValue: env.prisma }],
    })
    class TestAppModule {}

    // as a service does it: an HTTP app that also connects the event transport
    app = await NestFactory.create<NestFastifyApplication>(TestAppModule, new FastifyAdapter(), { logger: false });
    app.enableShutdownHooks();
    await app.init();
    app.connectMicroservice({ strategy: app.get(KafkaEventTransport) });
    await app.startAllMicroservices();
    env.groups.push(FREEZE_GROUP(), REFUSE_GROUP());
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  it('relays outbox rows, runs @OnEvent handlers once, and carries the correlation into caused events', async () => {
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
    await waitFor(
      async () =>
        (await prisma.inboxEvent.count({ where: { eventId: marker.eventId, consumer: FREEZE_GROUP() } })) === 1,
      { timeoutMs: 60_000, what: 'the marker handled' },
    );

    expect(FreezeOnLargeDebitConsumer.calls).toBe(2); // the debit once, the marker once
    expect(await prisma.aggregate.findUnique({ where: { id: debit.aggregateId } })).toMatchObject({ updates: 2 });
  });

  it('gives the handler where the event sat in Kafka and the origin it passes on', async () => {
    const prisma = app.get<TestPrisma>(PRISMA);
    const debit = posting(randomUUID(), 1);

    await prisma.$transaction((tx) => app.get(OutboxWriter).add(tx, debit));

    const context = await waitFor(() => FreezeOnLargeDebitConsumer.contexts.get(debit.eventId), {
      timeoutMs: 60_000,
      what: 'the handler called',
    });
    const inbox = await prisma.inboxEvent.findFirstOrThrow({
      where: { eventId: debit.eventId, consumer: FREEZE_GROUP() },
    });
    expect(context).toBeInstanceOf(EventContext);
    expect({ topic: context.topic, partition: context.partition, offset: context.offset }).toEqual({
      topic: env.transactionsTopic,
      partition: inbox.partition,
      offset: String(inbox.offset),
    });
    expect(context.origin).toEqual({ correlationId: debit.correlationId, causationId: debit.eventId });
  });

  it("dead-letters the handler's own error: a domain rejection goes at once, with its message", async () => {
    const prisma = app.get<TestPrisma>(PRISMA);
    const rejected = posting(randomUUID(), 1);
    RefuseClosedAccountsConsumer.closed.add(rejected.payload.accountId);

    await prisma.$transaction((tx) => app.get(OutboxWriter).add(tx, rejected));

    const letter = await waitFor(
      async () =>
        (await listDeadLetters(env.kafka, env.topics.deadLetterOf(env.transactionsTopic))).find(
          (l) => l.eventId === rejected.eventId,
        ),
      { timeoutMs: 60_000, what: 'the rejected event in the dead-letter topic' },
    );
    expect(letter).toMatchObject({ reason: 'rejected', error: 'account is closed', attempts: 1 });
    expect(headerText(letter.headers, DeadLetterHeaders.consumerGroup)).toBe(REFUSE_GROUP());
    // the other consumer of the same event applied it: each consumer runs its own handler only
    await waitFor(() => FreezeOnLargeDebitConsumer.contexts.has(rejected.eventId), {
      timeoutMs: 60_000,
      what: 'the other consumer handled it',
    });
  });

  it('shuts the relay and consumers down cleanly', async () => {
    await expect(app.close()).resolves.toBeUndefined();
  });
});
