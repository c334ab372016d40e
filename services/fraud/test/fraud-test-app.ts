import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  AccountOpenedV1,
  CardAuthorizationDeclinedV1,
  CardAuthorizationRequestedV1,
  Topics,
  TransactionPostedV2,
  UserSignedUpV1,
  createEvent,
  type Currency,
  type EventDefinition,
  type EventEnvelope,
  type Source,
} from '@microbank/contracts';
import type { Role } from '@microbank/domain';
import { TopicNames } from '@microbank/messaging';
import { buildServiceApp, migrateServiceDatabase } from '@microbank/service-kit';
import {
  EventStreamClient,
  httpRequest,
  signTestToken,
  startServiceUnderTest,
  type ServiceUnderTest,
  type TestRequest,
} from '@microbank/testing';
import { loadFraudConfig, type FraudConfig } from '../src/config';
import { fraudService } from '../src/service-definition';

export interface TestUser {
  readonly userId: string;
  readonly token: string;
}

export interface TestAccount {
  readonly userId: string;
  readonly accountId: string;
  readonly currency: Currency;
  readonly openedAt: Date;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/**
 * The fraud service on a real port, as its own role on a database and topics of this test file only. Tests feed
 * it events as the other services would publish them, with the times they choose: a rule's window is tested in
 * event time, not by waiting.
 */
export class FraudTestApp {
  readonly topics: TopicNames;

  private constructor(
    private readonly service: ServiceUnderTest<FraudConfig, NestFastifyApplication>,
    readonly db: Client,
  ) {
    this.topics = new TopicNames(service.prefix);
  }

  static async start(env: Record<string, string> = {}): Promise<FraudTestApp> {
    const service = await startServiceUnderTest({
      service: 'fraud',
      topics: [Topics.signups, Topics.accounts, Topics.transactions, Topics.cards, Topics.alerts],
      record: [Topics.alerts],
      migrate: (url) => migrateServiceDatabase(fraudService, url),
      // the thresholds as the service reads them from its environment, with this file's overrides
      config: (base): FraudConfig => ({
        ...loadFraudConfig({
          DATABASE_URL: base.DATABASE_URL,
          KAFKA_BROKERS: base.KAFKA_BROKERS.join(','),
          JWT_PUBLIC_KEY: base.JWT_PUBLIC_KEY,
          FRAUD_STREAM_HEARTBEAT_MS: '500',
          ...env,
        }),
        KAFKA_TOPIC_PREFIX: base.KAFKA_TOPIC_PREFIX,
        PORT: base.PORT,
        TRUSTED_PROXIES: false,
      }),
      build: (config) => buildServiceApp(fraudService, config, { logger: false }),
    });
    const db = new Client({ connectionString: service.config.DATABASE_URL });
    service.onStop(() => db.end());
    await db.connect().catch(async (error: unknown) => {
      await service.stop();
      throw error;
    });
    return new FraudTestApp(service, db);
  }

  get url(): string {
    return this.service.url;
  }

  /** A token for a user (a new one unless `userId` is given), as the user service would sign it. */
  async user(role: Role = 'customer', userId: string = randomUUID(), expiresIn: string = '15m'): Promise<TestUser> {
    const token = await signTestToken(
      this.service.keys.privateKey,
      { userId, email: `${userId}@test.local`, role },
      { expiresIn },
    );
    return { userId, token };
  }

  request(method: string, path: string, options: TestRequest = {}): Promise<Response> {
    return httpRequest(this.service.url, method, path, options);
  }

  /** A customer who signed up and opened an account at `openedAt`; resolves once the fraud service knows both. */
  async account(options: { currency?: Currency; openedAt?: Date; userId?: string } = {}): Promise<TestAccount> {
    const userId = options.userId ?? randomUUID();
    const openedAt = options.openedAt ?? new Date(Date.now() - 30 * 24 * HOUR);
    const accountId = randomUUID();
    const currency = options.currency ?? 'EUR';
    const signedUp = await this.publish(UserSignedUpV1, userId, openedAt, 'user', {
      userId,
      email: `${userId}@test.local`,
      fullName: 'Test Customer',
      country: 'FR',
    });
    const opened = await this.publish(AccountOpenedV1, accountId, openedAt, 'account', {
      accountId,
      userId,
      iban: `FR76${String(Date.now()).slice(-10)}${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
      currency,
      kind: 'current',
    });
    await this.handled(signedUp, opened);
    return { userId, accountId, currency, openedAt };
  }

  /** A posting on the account at `at`, as the account service publishes it. */
  posting(
    account: TestAccount,
    at: Date,
    posting: { kind: string; direction: 'credit' | 'debit'; amountMinor: string },
  ): Promise<EventEnvelope> {
    return this.publish(TransactionPostedV2, account.accountId, at, 'account', {
      transactionId: randomUUID(),
      accountId: account.accountId,
      userId: account.userId,
      kind: posting.kind as 'deposit',
      direction: posting.direction,
      amount: { amountMinor: posting.amountMinor, currency: account.currency },
      balanceAfter: { amountMinor: '0', currency: account.currency },
      counterpartyIban: null,
      reference: null,
      card: null,
      postedAt: at.toISOString(),
    });
  }

  /** An authorization attempt on `cardId` at `at`: requested (passed the card's checks), or declined. */
  attempt(
    account: TestAccount,
    cardId: string,
    at: Date,
    attempt: { amountMinor: string; country: string; declined?: boolean },
  ): Promise<EventEnvelope> {
    const common = {
      authorizationId: randomUUID(),
      cardId,
      accountId: account.accountId,
      amount: { amountMinor: attempt.amountMinor, currency: account.currency },
      merchant: { name: 'Test Shop', categoryCode: '5411', country: attempt.country },
    };
    return attempt.declined
      ? this.publish(CardAuthorizationDeclinedV1, cardId, at, 'card', {
          ...common,
          reason: 'do_not_honour',
          responseCode: '05',
        })
      : this.publish(CardAuthorizationRequestedV1, cardId, at, 'card', {
          ...common,
          expiresAt: new Date(at.getTime() + 7 * 24 * HOUR).toISOString(),
        });
  }

  /** A new event that happened at `at`, keyed by `key`. */
  async publish<P>(
    definition: EventDefinition<string, number, P>,
    key: string,
    at: Date,
    source: Source,
    payload: P,
  ): Promise<EventEnvelope<string, number, P>> {
    const event = { ...createEvent(definition, key, payload, { source, correlationId: randomUUID() }) };
    return this.send(definition.topic, { ...event, occurredAt: at.toISOString() });
  }

  /** Sends `event` as it is to this file's copy of `topic`: again, to deliver it twice. */
  send<E extends EventEnvelope>(topic: string, event: E): Promise<E> {
    return this.service.send(topic, event);
  }

  /** Resolves once the service has handled every event: its inbox row commits with whatever the handler wrote. */
  handled(...events: EventEnvelope[]): Promise<void> {
    return this.service.handled(...events);
  }

  /** The alerts raised about a customer, as an analyst lists them (newest first). */
  async alertsOf(userId: string): Promise<AlertBody[]> {
    const analyst = await this.user('analyst');
    const response = await this.request('GET', `/v1/alerts?userId=${userId}&limit=100`, { token: analyst.token });
    if (response.status !== 200) throw new Error(`GET /v1/alerts answered ${response.status}`);
    return ((await response.json()) as { items: AlertBody[] }).items;
  }

  /** FraudAlertRaised/Resolved events recorded on this file's banking.alerts. */
  alertEvents(): EventEnvelope<string, number, Record<string, unknown>>[] {
    return this.service.recorder.values<EventEnvelope<string, number, Record<string, unknown>>>(
      this.topics.of(Topics.alerts),
    );
  }

  /** Opens the alert stream with the token in the Authorization header, or in the query as EventSource must. */
  stream(
    token: string,
    headers: Record<string, string> = {},
    tokenIn: 'header' | 'query' = 'header',
  ): Promise<EventStreamClient> {
    const url = `${this.service.url}/v1/alerts/stream`;
    return tokenIn === 'header'
      ? EventStreamClient.open(url, { authorization: `Bearer ${token}`, ...headers })
      : EventStreamClient.open(`${url}?access_token=${encodeURIComponent(token)}`, headers);
  }

  async stop(): Promise<void> {
    await this.service.stop();
  }
}

export interface AlertBody {
  id: string;
  streamId: string;
  rule: string;
  severity: string;
  score: number;
  status: string;
  description: string;
  customer: { userId: string; fullName: string | null };
  accountId: string;
  cardId: string | null;
  amount: { amountMinor: string; currency: string } | null;
  actions: { freezeCard: boolean; freezeAccount: boolean };
  evidence: string[];
  raisedAt: string;
}
