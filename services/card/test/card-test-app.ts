import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  AccountFrozenV1,
  AccountOpenedV1,
  Topics,
  createEvent,
  deadLetterTopicOf,
  type Currency,
  type EventDefinition,
  type EventEnvelope,
  type Source,
} from '@microbank/contracts';
import type { Role } from '@microbank/domain';
import { TopicNames } from '@microbank/messaging';
import { buildServiceApp, migrateServiceDatabase } from '@microbank/service-kit';
import {
  httpRequest,
  signTestToken,
  startServiceUnderTest,
  waitFor,
  type RecordedMessage,
  type ServiceUnderTest,
  type TestRequest,
} from '@microbank/testing';
import type { CardConfig } from '../src/config';
import { cardService } from '../src/service-definition';

export const TEST_BIN = '400000';

export interface TestCustomer {
  readonly userId: string;
  readonly token: string;
}

/** The card service on a real port, as its own role on a database and topics of this test file only. */
export class CardTestApp {
  readonly topics: TopicNames;

  private constructor(
    private readonly service: ServiceUnderTest<CardConfig, NestFastifyApplication>,
    /** The service's own role on this file's database. */
    readonly db: Client,
  ) {
    this.topics = new TopicNames(service.prefix);
  }

  get config(): CardConfig {
    return this.service.config;
  }

  static async start(): Promise<CardTestApp> {
    const service = await startServiceUnderTest({
      service: 'card',
      topics: [Topics.accounts, Topics.cards, Topics.alerts],
      // the alerts' dead letters too: an alert naming a card the service does not know is parked there
      record: [Topics.cards, deadLetterTopicOf(Topics.alerts)],
      migrate: (url) => migrateServiceDatabase(cardService, url),
      // the card service only verifies tokens; its card keys are this file's own
      config: (base): CardConfig => ({
        DATABASE_URL: base.DATABASE_URL,
        KAFKA_BROKERS: base.KAFKA_BROKERS,
        KAFKA_TOPIC_PREFIX: base.KAFKA_TOPIC_PREFIX,
        PORT: base.PORT,
        HOST: base.HOST,
        JWT_PUBLIC_KEY: base.JWT_PUBLIC_KEY,
        TRUSTED_PROXIES: false,
        CORS_ORIGINS: base.CORS_ORIGINS,
        CARD_BIN: TEST_BIN,
        CARD_PAN_KEY: randomBytes(32).toString('base64url'),
        CARD_CVC_KEY: randomBytes(32).toString('base64url'),
        CARD_VALID_YEARS: 3,
        CARD_DEFAULT_PER_AUTHORIZATION: 1_000,
        CARD_DEFAULT_PER_DAY: 2_500,
        CARD_MAX_PER_AUTHORIZATION: 10_000,
        CARD_MAX_PER_DAY: 20_000,
        CARD_NETWORK_KEY: randomBytes(32).toString('base64url'),
        CARD_AUTHORIZATION_WAIT_MS: 2_000,
        CARD_AUTHORIZATION_TTL_SECONDS: 7 * 24 * 60 * 60,
        CARD_SAGA_SWEEP_MS: 10_000,
        CARD_SAGA_RESEND_SECONDS: 30,
      }),
      build: (config) => buildServiceApp(cardService, config, { logger: false }),
    });
    const db = new Client({ connectionString: service.config.DATABASE_URL });
    service.onStop(() => db.end());
    await db.connect().catch(async (error: unknown) => {
      await service.stop();
      throw error;
    });
    return new CardTestApp(service, db);
  }

  async customer(role: Role = 'customer'): Promise<TestCustomer> {
    const userId = randomUUID();
    const token = await signTestToken(
      this.service.keys.privateKey,
      { userId, email: `${userId}@test.microbank.local`, role },
      {},
    );
    return { userId, token };
  }

  request(method: string, path: string, options: TestRequest = {}): Promise<Response> {
    return httpRequest(this.service.url, method, path, options);
  }

  /** An account the account service opened, as the card service hears of it; resolves once the card service knows it. */
  async accountOpened(userId: string, currency: Currency = 'EUR'): Promise<string> {
    const accountId = randomUUID();
    await this.publish(AccountOpenedV1, accountId, {
      accountId,
      userId,
      iban: `GB33MBNK${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      currency,
      kind: 'current',
    });
    await this.untilKnown(accountId, 'active');
    return accountId;
  }

  async accountFrozen(accountId: string): Promise<void> {
    await this.publish(AccountFrozenV1, accountId, { accountId, reason: 'test', alertId: null });
    await this.untilKnown(accountId, 'frozen');
  }

  /** A new event of `definition`, sent by `source` (the account service unless said otherwise), keyed by `key`. */
  async publish<P>(
    definition: EventDefinition<string, number, P>,
    key: string,
    payload: P,
    source: Source = 'account',
  ): Promise<EventEnvelope<string, number, P>> {
    const event = createEvent(definition, key, payload, { source, correlationId: randomUUID() });
    return this.send(definition.topic, event);
  }

  /** Sends `event` as it is to this file's copy of `topic` (a contract topic name): again, to deliver it twice. */
  send<E extends EventEnvelope>(topic: string, event: E): Promise<E> {
    return this.service.send(topic, event);
  }

  /** Resolves once the service has handled the event: its inbox row commits with whatever the handler wrote. */
  handled(event: EventEnvelope): Promise<void> {
    return this.service.handled(event);
  }

  /** Messages recorded on a topic of this file (a contract topic name). */
  messagesOn(topic: string): RecordedMessage[] {
    return this.service.recorder.messages.filter((m) => m.topic === this.topics.of(topic));
  }

  /** Events recorded on banking.cards. */
  cardEvents(): EventEnvelope<string, number, Record<string, unknown>>[] {
    return this.service.recorder.values<EventEnvelope<string, number, Record<string, unknown>>>(
      this.topics.of(Topics.cards),
    );
  }

  private async untilKnown(accountId: string, status: string): Promise<void> {
    await waitFor(
      async () =>
        (await this.db.query('SELECT 1 FROM known_account WHERE id = $1 AND status = $2', [accountId, status]))
          .rowCount === 1,
      { timeoutMs: 30_000, what: `the card service to know account ${accountId} as ${status}` },
    );
  }

  async stop(): Promise<void> {
    await this.service.stop();
  }
}
