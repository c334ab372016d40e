import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Kafka } from 'kafkajs';
import { createEvent, Topics, TransactionPostedV1, type EventEnvelope, type PayloadOf } from '@microbank/contracts';
import { createPool } from '@microbank/database';
import {
  createTestDatabase,
  createTestTopics,
  deleteTestTopics,
  stackConnections,
  testKafka,
  uniqueName,
  type TestDatabase,
} from '@microbank/testing';
import type { StackConnections } from '@microbank/stack';
import { OutboxRelay, OutboxWriter, TopicNames, type OutboxRelayOptions } from '../src';
import { PrismaClient } from './generated/prisma/client';

export type TestPrisma = PrismaClient;

/** One test file's world: its own database, its own prefixed topics, the real cluster. */
export class MessagingTestEnv {
  readonly groups: string[] = [];
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  private constructor(
    readonly stack: StackConnections,
    readonly kafka: Kafka,
    readonly database: TestDatabase,
    readonly prisma: PrismaClient,
    readonly topics: TopicNames,
  ) {}

  static async create(): Promise<MessagingTestEnv> {
    const stack = await stackConnections();
    const kafka = testKafka(stack);
    const database = await createTestDatabase(stack, path.join(__dirname, 'prisma', 'migrations'));
    const pool = createPool(database.url);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const topics = new TopicNames(`${uniqueName('test')}.`);
    await createTestTopics(kafka, stack, [topics.of(Topics.transactions)]);
    const env = new MessagingTestEnv(stack, kafka, database, prisma, topics);
    env.cleanups.push(() => pool.end());
    return env;
  }

  get transactionsTopic(): string {
    return this.topics.of(Topics.transactions);
  }

  group(name: string): string {
    const id = `${this.topics.prefix}${name}`;
    this.groups.push(id);
    return id;
  }

  outbox(): OutboxWriter {
    return new OutboxWriter(this.topics);
  }

  relay(options: Partial<Omit<OutboxRelayOptions, 'kafka' | 'service'>> = {}): OutboxRelay {
    const relay = new OutboxRelay({
      databaseUrl: this.database.url,
      kafka: this.kafka,
      service: 'test',
      pollIntervalMs: 500,
      ...options,
    });
    this.onCleanup(() => relay.stop());
    return relay;
  }

  onCleanup(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  async dispose(): Promise<void> {
    await this.prisma.$disconnect();
    for (const cleanup of this.cleanups.reverse()) await cleanup().catch(() => undefined);
    await deleteTestTopics(this.kafka, [this.transactionsTopic], this.groups).catch(() => undefined);
    await this.database.drop();
  }
}

/** A TransactionPosted event for `accountId`; `seq` goes in the reference, so order can be checked on arrival. */
export function posting(
  accountId: string,
  seq: number,
): EventEnvelope<'TransactionPosted', 1, PayloadOf<typeof TransactionPostedV1>> {
  return createEvent(
    TransactionPostedV1,
    accountId,
    { ...TransactionPostedV1.example, accountId, transactionId: crypto.randomUUID(), reference: `seq-${seq}` },
    { source: 'account', correlationId: `test-${accountId}` },
  );
}

/** Writes each event in its own committed transaction, as a service would. */
export async function commitEach(
  prisma: PrismaClient,
  outbox: OutboxWriter,
  events: readonly EventEnvelope[],
): Promise<void> {
  for (const event of events) await prisma.$transaction((tx) => outbox.add(tx, event));
}

/** The `seq-N` references per account, in the order they arrived. */
export function sequencesByAccount(
  events: readonly EventEnvelope<string, number, { accountId: string; reference: string | null }>[],
) {
  const byAccount = new Map<string, number[]>();
  for (const event of events) {
    const list = byAccount.get(event.payload.accountId) ?? [];
    list.push(Number(event.payload.reference!.slice('seq-'.length)));
    byAccount.set(event.payload.accountId, list);
  }
  return byAccount;
}
