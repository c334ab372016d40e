import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';
import {
  Topics,
  UserSignedUpV1,
  createEvent,
  type EventEnvelope,
  type EventOf,
  type PayloadOf,
} from '@microbank/contracts';
import { TopicNames } from '@microbank/messaging';
import {
  TopicRecorder,
  createTestTopics,
  httpRequest,
  deleteTestTopics,
  signTestToken,
  stackConnections,
  testKafka,
  testKeys,
  uniqueName,
  waitFor,
  type TestKeys,
  type TestRequest,
} from '@microbank/testing';
import { buildServiceApp, migrateServiceDatabase } from '@microbank/service-kit';
import { accountService } from '../src/service-definition';
import type { AccountConfig } from '../src/config';

const TOPICS = [Topics.signups, Topics.accounts, Topics.transactions];

export type Role = 'customer' | 'analyst';
export interface TestUser {
  readonly userId: string;
  readonly token: string;
}

/** The account service on a real port, against its own database and role, with topics of this test file. */
export class AccountTestApp {
  private producer: Producer | undefined;

  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    readonly config: AccountConfig,
    readonly keys: TestKeys,
    readonly kafka: Kafka,
    readonly topics: TopicNames,
    readonly recorder: TopicRecorder,
    readonly db: Client,
  ) {}

  static async start(): Promise<AccountTestApp> {
    const stack = await stackConnections();
    const keys = testKeys();
    const topics = new TopicNames(`${uniqueName('test')}.`);
    const kafka = testKafka(stack);
    await createTestTopics(
      kafka,
      stack,
      TOPICS.map((topic) => topics.of(topic)),
    );
    const config: AccountConfig = {
      DATABASE_URL: stack.postgres.services.account.url,
      KAFKA_BROKERS: [...stack.kafka.brokers],
      KAFKA_TOPIC_PREFIX: topics.prefix,
      PORT: 0,
      JWT_PUBLIC_KEY: keys.publicKey,
      TRUSTED_PROXIES: false,
    };
    await migrateServiceDatabase(accountService, config.DATABASE_URL);
    const db = new Client({ connectionString: config.DATABASE_URL });
    await db.connect();
    // rows an earlier, interrupted test run left for topics that are gone would hold the relay up forever
    await db.query(
      `UPDATE outbox_event SET published_at = now() WHERE published_at IS NULL AND topic LIKE 'test.%' AND topic NOT LIKE $1`,
      [`${topics.prefix}%`],
    );
    const app = await buildServiceApp(accountService, config, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const recorder = await new TopicRecorder(kafka, `${topics.prefix}recorder`).start(
      [Topics.accounts, Topics.transactions].map((topic) => topics.of(topic)),
    );
    return new AccountTestApp(app, await app.getUrl(), config, keys, kafka, topics, recorder, db);
  }

  async user(role: Role = 'customer', userId: string = randomUUID()): Promise<TestUser> {
    return { userId, token: await this.token(userId, role) };
  }

  token(userId: string, role: Role = 'customer', options: { expiresIn?: string | number } = {}): Promise<string> {
    return signTestToken(this.keys.privateKey, { userId, email: `${userId}@test.microbank.local`, role }, options);
  }

  request(method: string, path: string, options: TestRequest = {}): Promise<Response> {
    return httpRequest(this.url, method, path, options);
  }

  /** A money movement with a fresh Idempotency-Key unless one is given. */
  move(path: string, user: TestUser, body: unknown, key: string = randomUUID()): Promise<Response> {
    return this.request('POST', path, { token: user.token, body, headers: { 'idempotency-key': key } });
  }

  async openSavings(user: TestUser, currency = 'EUR'): Promise<AccountJson> {
    const response = await this.request('POST', '/v1/accounts', { token: user.token, body: { currency } });
    if (response.status !== 201) throw new Error(`opening an account: ${response.status} ${await response.text()}`);
    return (await response.json()) as AccountJson;
  }

  async account(user: TestUser, id: string): Promise<AccountJson> {
    return (await (await this.request('GET', `/v1/accounts/${id}`, { token: user.token })).json()) as AccountJson;
  }

  async publishSignup(
    payload: PayloadOf<typeof UserSignedUpV1>,
    event: EventOf<typeof UserSignedUpV1> = createEvent(UserSignedUpV1, payload.userId, payload, {
      source: 'user',
      correlationId: randomUUID(),
    }),
  ): Promise<EventOf<typeof UserSignedUpV1>> {
    this.producer ??= this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    await this.producer.send({
      topic: this.topics.of(Topics.signups),
      acks: -1,
      messages: [{ key: event.aggregateId, value: JSON.stringify(event) }],
    });
    return event;
  }

  /** Events recorded on `topic` (a contract topic name). */
  events<P>(topic: string): EventEnvelope<string, number, P>[] {
    return this.recorder.values<EventEnvelope<string, number, P>>(this.topics.of(topic));
  }

  async stop(): Promise<void> {
    // everything this file wrote must reach its topics before they are deleted
    await waitFor(
      async () =>
        Number(
          (
            await this.db.query<{ n: string }>(
              'SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL AND topic LIKE $1',
              [`${this.topics.prefix}%`],
            )
          ).rows[0]!.n,
        ) === 0,
      { timeoutMs: 60_000, what: 'the outbox drained' },
    ).catch(() => undefined);
    await this.producer?.disconnect();
    await this.recorder.stop();
    await this.app.close();
    await this.db.end();
    await deleteTestTopics(
      this.kafka,
      TOPICS.map((topic) => this.topics.of(topic)),
      [`${this.topics.prefix}recorder`, `${this.topics.prefix}microbank.account.open-current-accounts`],
    ).catch(() => undefined);
  }
}

export interface MoneyJson {
  amountMinor: string;
  currency: string;
}

export interface AccountJson {
  id: string;
  userId: string;
  iban: string;
  kind: 'current' | 'savings';
  currency: string;
  balance: MoneyJson;
  status: 'active' | 'frozen';
  openedAt: string;
}

export interface TransactionJson {
  transactionId: string;
  accountId: string;
  kind: string;
  direction: 'debit' | 'credit';
  amount: MoneyJson;
  balanceAfter: MoneyJson;
  counterpartyIban: string | null;
  reference: string | null;
  postedAt: string;
}

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; rule: string; message: string }[];
}
