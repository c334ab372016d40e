import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  AccountOpenedV1,
  CardIssuedV1,
  FraudAlertRaisedV1,
  TransactionPostedV1,
  TransactionPostedV2,
  Topics,
  UserSignedUpV1,
  createEvent,
  type AlertSeverity,
  type Currency,
  type EventDefinition,
  type EventEnvelope,
  type FraudRuleName,
  type Merchant,
  type Source,
} from '@microbank/contracts';
import type { Role } from '@microbank/domain';
import { buildServiceApp, migrateServiceDatabase } from '@microbank/service-kit';
import {
  httpRequest,
  signTestToken,
  startServiceUnderTest,
  type ServiceUnderTest,
  type TestRequest,
} from '@microbank/testing';
import { loadReportingConfig, type ReportingConfig } from '../src/config';
import { reportingService } from '../src/service-definition';

export interface TestUser {
  readonly userId: string;
  readonly token: string;
}

/** An account as the account service would have opened it, with the balance its postings leave. */
export interface TestAccount {
  readonly accountId: string;
  readonly userId: string;
  readonly iban: string;
  readonly currency: Currency;
  balanceMinor: bigint;
}

export interface TestPosting {
  readonly kind: 'deposit' | 'withdrawal' | 'transfer_debit' | 'transfer_credit' | 'card_payment' | 'card_refund';
  readonly amountMinor: bigint;
  readonly reference?: string | null;
  readonly counterpartyIban?: string | null;
  readonly card?: { readonly cardId: string; readonly merchant: Merchant };
  /** 1: as the account service published postings before card details (v2 is the default). */
  readonly version?: 1 | 2;
}

const CREDITS = new Set<TestPosting['kind']>(['deposit', 'transfer_credit', 'card_refund']);

/**
 * The reporting service on a real port, as its own role on a database and topics of this test file only. Tests
 * publish events as the other services would, at the times they choose; `handled(...)` waits for their inbox rows.
 */
export class ReportingTestApp {
  private constructor(
    readonly service: ServiceUnderTest<ReportingConfig, NestFastifyApplication>,
    /** The test's own database, as the service's role. */
    readonly db: Client,
  ) {}

  static async start(): Promise<ReportingTestApp> {
    const service = await startServiceUnderTest({
      service: 'reporting',
      topics: [Topics.signups, Topics.accounts, Topics.transactions, Topics.cards, Topics.alerts],
      migrate: (url) => migrateServiceDatabase(reportingService, url),
      config: (base): ReportingConfig => ({
        ...loadReportingConfig({
          DATABASE_URL: base.DATABASE_URL,
          KAFKA_BROKERS: base.KAFKA_BROKERS.join(','),
          JWT_PUBLIC_KEY: base.JWT_PUBLIC_KEY,
        }),
        KAFKA_TOPIC_PREFIX: base.KAFKA_TOPIC_PREFIX,
        PORT: base.PORT,
        TRUSTED_PROXIES: false,
      }),
      build: (config) => buildServiceApp(reportingService, config, { logger: false }),
    });
    const db = new Client({ connectionString: service.config.DATABASE_URL });
    service.onStop(() => db.end());
    await db.connect().catch(async (error: unknown) => {
      await service.stop();
      throw error;
    });
    return new ReportingTestApp(service, db);
  }

  /** What `pnpm reporting <cmd>` reads from its environment, pointed at this file's database and topics. */
  get cliEnv(): NodeJS.ProcessEnv {
    const config = this.service.config;
    return {
      DATABASE_URL: config.DATABASE_URL,
      KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
      KAFKA_TOPIC_PREFIX: config.KAFKA_TOPIC_PREFIX,
    };
  }

  /** A token for a user (a new one unless `userId` is given), as the user service would sign it. */
  async user(role: Role = 'customer', userId: string = randomUUID()): Promise<TestUser> {
    const token = await signTestToken(this.service.keys.privateKey, { userId, email: `${userId}@test.local`, role });
    return { userId, token };
  }

  request(method: string, path: string, options: TestRequest = {}): Promise<Response> {
    return httpRequest(this.service.url, method, path, options);
  }

  /** A customer who signed up and opened an account at `at`; resolves once the service knows both. */
  async account(
    at: Date,
    options: { userId?: string; fullName?: string; currency?: Currency; iban?: string } = {},
  ): Promise<TestAccount> {
    const userId = options.userId ?? randomUUID();
    const accountId = randomUUID();
    const currency = options.currency ?? 'EUR';
    const iban = options.iban ?? `FR76${randomDigits(23)}`;
    const signedUp = await this.publish(UserSignedUpV1, userId, at, 'user', {
      userId,
      email: `${userId}@test.local`,
      fullName: options.fullName ?? 'Test Customer',
      country: 'FR',
    });
    const opened = await this.publish(AccountOpenedV1, accountId, at, 'account', {
      accountId,
      userId,
      iban,
      currency,
      kind: 'current',
    });
    await this.handled(signedUp, opened);
    return { accountId, userId, iban, currency, balanceMinor: 0n };
  }

  /** A card issued on the account, as the card service announces it. */
  async card(account: TestAccount, at: Date, last4: string): Promise<string> {
    const cardId = randomUUID();
    await this.handled(
      await this.publish(CardIssuedV1, cardId, at, 'card', {
        cardId,
        accountId: account.accountId,
        userId: account.userId,
        last4,
        expiresOn: '2030-01',
      }),
    );
    return cardId;
  }

  /** A posting at `at`, as the account service publishes it: the balance after it moves the account's balance. */
  async post(account: TestAccount, at: Date, posting: TestPosting): Promise<EventEnvelope> {
    const direction = CREDITS.has(posting.kind) ? 'credit' : 'debit';
    account.balanceMinor += direction === 'credit' ? posting.amountMinor : -posting.amountMinor;
    const common = {
      transactionId: randomUUID(),
      accountId: account.accountId,
      userId: account.userId,
      direction,
      amount: { amountMinor: posting.amountMinor.toString(), currency: account.currency },
      balanceAfter: { amountMinor: account.balanceMinor.toString(), currency: account.currency },
      counterpartyIban: posting.counterpartyIban ?? null,
      reference: posting.reference ?? null,
      postedAt: at.toISOString(),
    } as const;
    if (posting.version === 1) {
      if (posting.kind === 'card_refund') throw new Error('v1 has no card refunds');
      return this.publish(TransactionPostedV1, account.accountId, at, 'account', { ...common, kind: posting.kind });
    }
    const card = posting.card ? { ...posting.card, authorizationId: randomUUID() } : null;
    return this.publish(TransactionPostedV2, account.accountId, at, 'account', {
      ...common,
      kind: posting.kind,
      card,
    });
  }

  /** A fraud alert about the account, raised at `at`. */
  alert(account: TestAccount, at: Date, rule: FraudRuleName, severity: AlertSeverity): Promise<EventEnvelope> {
    return this.publish(FraudAlertRaisedV1, account.accountId, at, 'fraud', {
      alertId: randomUUID(),
      rule,
      severity,
      score: 50,
      description: `${rule} matched`,
      userId: account.userId,
      accountId: account.accountId,
      cardId: null,
      evidence: [randomUUID()],
      amount: null,
      freezeCard: false,
      freezeAccount: false,
    });
  }

  /** A new event that happened at `at`, keyed by `key`, sent to this file's copy of its topic. */
  async publish<P>(
    definition: EventDefinition<string, number, P>,
    key: string,
    at: Date,
    source: Source,
    payload: P,
  ): Promise<EventEnvelope<string, number, P>> {
    const event = { ...createEvent(definition, key, payload, { source, correlationId: randomUUID() }) };
    return this.service.send(definition.topic, { ...event, occurredAt: at.toISOString() });
  }

  /** Resolves once the service has handled every event: its inbox row commits with whatever the handler wrote. */
  handled(...events: EventEnvelope[]): Promise<void> {
    return this.service.handled(...events);
  }

  async stop(): Promise<void> {
    await this.service.stop();
  }
}

function randomDigits(n: number): string {
  return Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
}
