import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { Role } from '@microbank/domain';
import {
  Topics,
  UserSignedUpV1,
  createEvent,
  deadLetterTopicOf,
  type EventEnvelope,
  type EventOf,
  type PayloadOf,
} from '@microbank/contracts';
import { TopicNames } from '@microbank/messaging';
import {
  httpRequest,
  signTestToken,
  startServiceUnderTest,
  type ServiceUnderTest,
  type TestKeys,
  type TestRequest,
  type TopicRecorder,
} from '@microbank/testing';
import { buildServiceApp, migrateServiceDatabase } from '@microbank/service-kit';
import { accountService } from '../src/service-definition';
import type { AccountConfig } from '../src/config';

export type { Role };
export interface TestUser {
  readonly userId: string;
  readonly token: string;
}

/** The account service on a real port, as its own role on a database and topics of this test file only. */
export class AccountTestApp {
  readonly topics: TopicNames;

  private constructor(
    private readonly service: ServiceUnderTest<AccountConfig, NestFastifyApplication>,
    /** The service's own role on this file's database. */
    readonly db: Client,
  ) {
    this.topics = new TopicNames(service.prefix);
  }

  get app(): NestFastifyApplication {
    return this.service.app;
  }
  get url(): string {
    return this.service.url;
  }
  get config(): AccountConfig {
    return this.service.config;
  }
  get keys(): TestKeys {
    return this.service.keys;
  }
  get kafka(): Kafka {
    return this.service.kafka;
  }
  get recorder(): TopicRecorder {
    return this.service.recorder;
  }

  static async start(): Promise<AccountTestApp> {
    const service = await startServiceUnderTest({
      service: 'account',
      topics: [Topics.signups, Topics.accounts, Topics.transactions, Topics.cards, Topics.alerts],
      // the dead letters too: a saga step or an alert the service refuses is parked there
      record: [
        Topics.accounts,
        Topics.transactions,
        Topics.cards,
        deadLetterTopicOf(Topics.cards),
        deadLetterTopicOf(Topics.alerts),
      ],
      migrate: (url) => migrateServiceDatabase(accountService, url),
      // the account service only verifies tokens: it never holds the private key
      config: (base): AccountConfig => ({
        DATABASE_URL: base.DATABASE_URL,
        KAFKA_BROKERS: base.KAFKA_BROKERS,
        KAFKA_TOPIC_PREFIX: base.KAFKA_TOPIC_PREFIX,
        PORT: base.PORT,
        HOST: base.HOST,
        JWT_PUBLIC_KEY: base.JWT_PUBLIC_KEY,
        TRUSTED_PROXIES: false,
        CORS_ORIGINS: base.CORS_ORIGINS,
      }),
      build: (config) => buildServiceApp(accountService, config, { logger: false }),
    });
    const db = new Client({ connectionString: service.config.DATABASE_URL });
    service.onStop(() => db.end());
    await db.connect().catch(async (error: unknown) => {
      await service.stop();
      throw error;
    });
    return new AccountTestApp(service, db);
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
    return this.publish(Topics.signups, event);
  }

  /** Sends `event` to this file's copy of `topic` (a contract topic name), keyed by its aggregate id. */
  publish<E extends EventEnvelope>(topic: string, event: E): Promise<E> {
    return this.service.send(topic, event);
  }

  /** Events recorded on `topic` (a contract topic name). */
  events<P>(topic: string): EventEnvelope<string, number, P>[] {
    return this.recorder.values<EventEnvelope<string, number, P>>(this.topics.of(topic));
  }

  async stop(): Promise<void> {
    await this.service.stop();
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
  available: MoneyJson;
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
  card: {
    cardId: string;
    authorizationId: string;
    merchant: { name: string; categoryCode: string; country: string };
  } | null;
  postedAt: string;
}

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; rule: string; message: string }[];
}
