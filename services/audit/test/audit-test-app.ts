import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IHeaders, Message, Producer } from 'kafkajs';
import type { Client } from 'pg';
import {
  AUDIT_CHECKPOINTS_TOPIC,
  Topics,
  createEvent,
  type EventDefinition,
  type EventEnvelope,
  type PayloadOf,
  type Source,
} from '@microbank/contracts';
import type { Role } from '@microbank/domain';
import { buildServiceApp, migrateServiceDatabase } from '@microbank/service-kit';
import {
  httpRequest,
  signTestToken,
  startServiceUnderTest,
  waitFor,
  withAdmin,
  withPgClient,
  type ServiceUnderTest,
  type TestRequest,
} from '@microbank/testing';
import { loadAuditConfig, type AuditConfig } from '../src/config';
import { auditService } from '../src/service-definition';
import { verifyAuditChain } from '../src/verify/chain-verifier';
import type { VerifyOutcome } from '../src/verify/verify-outcome';

/** The topics the trail reads, as contract names: every business topic (their dead-letter copies come with them). */
const BUSINESS_TOPICS = Object.values(Topics);

/**
 * The audit service on a real port, as its own role on a database and topics of this test file only, signing with
 * a key pair of its own. Tests produce records as the other services (or a broken producer) would.
 */
export class AuditTestApp {
  readonly publicKey: KeyObject;
  private producer: Producer | undefined;
  private app: NestFastifyApplication;
  private url: string;

  private constructor(
    private readonly service: ServiceUnderTest<AuditConfig, NestFastifyApplication>,
    private readonly signing: { publicKey: KeyObject },
  ) {
    this.publicKey = signing.publicKey;
    this.app = service.app;
    this.url = service.url;
  }

  static async start(env: Record<string, string> = {}): Promise<AuditTestApp> {
    const keys = generateKeyPairSync('ed25519');
    const service = await startServiceUnderTest({
      service: 'audit',
      topics: [...BUSINESS_TOPICS, AUDIT_CHECKPOINTS_TOPIC],
      record: [AUDIT_CHECKPOINTS_TOPIC],
      migrate: (url) => migrateServiceDatabase(auditService, url),
      config: (base): AuditConfig => ({
        ...loadAuditConfig({
          DATABASE_URL: base.DATABASE_URL,
          KAFKA_BROKERS: base.KAFKA_BROKERS.join(','),
          JWT_PUBLIC_KEY: base.JWT_PUBLIC_KEY,
          AUDIT_SIGNING_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          AUDIT_CHECKPOINT_EVERY: '5',
          AUDIT_CHECKPOINT_SECONDS: '0.5',
          ...env,
        }),
        KAFKA_TOPIC_PREFIX: base.KAFKA_TOPIC_PREFIX,
        PORT: base.PORT,
        TRUSTED_PROXIES: false,
      }),
      build: (config) => buildServiceApp(auditService, config, { logger: false }),
    });
    const app = new AuditTestApp(service, keys);
    // the app may be replaced by restart(): close whichever runs now (closing the first twice is harmless)
    service.onStop(() => app.app.close());
    return app;
  }

  get config(): AuditConfig {
    return this.service.config;
  }

  get prefix(): string {
    return this.service.prefix;
  }

  get databaseUrl(): string {
    return this.service.config.DATABASE_URL;
  }

  get adminUrl(): string {
    return this.service.database.adminUrl;
  }

  get kafka() {
    return this.service.kafka;
  }

  topic(contractTopic: string): string {
    return this.service.topic(contractTopic);
  }

  async user(role: Role = 'customer'): Promise<{ userId: string; token: string }> {
    const userId = randomUUID();
    const token = await signTestToken(this.service.keys.privateKey, { userId, email: `${userId}@test.local`, role });
    return { userId, token };
  }

  request(method: string, path: string, options: TestRequest = {}): Promise<Response> {
    return httpRequest(this.url, method, path, options);
  }

  /** A new event as `source` publishes it, with the correlation (and cause) given, at `at`. */
  async publish<D extends EventDefinition>(
    definition: D,
    key: string,
    payload: PayloadOf<D>,
    origin: { source: Source; correlationId: string; causationId?: string | null; at?: Date },
  ): Promise<EventEnvelope> {
    const event = createEvent(definition as EventDefinition<string, number, PayloadOf<D>>, key, payload, origin);
    return this.service.send(definition.topic, { ...event, occurredAt: (origin.at ?? new Date()).toISOString() });
  }

  /** Any record, as it is, to this file's copy of `topic` (a contract topic name). */
  produce(topic: string, key: string | null, value: Buffer | string | null, headers: IHeaders = {}): Promise<void> {
    return this.produceMany(topic, [{ key, value, headers }]);
  }

  /** Records, as they are, in one send. */
  async produceMany(topic: string, messages: Message[]): Promise<void> {
    if (!this.producer) {
      const producer = this.service.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      this.producer = producer;
      this.service.onStop(() => producer.disconnect());
      await producer.connect();
    }
    await this.producer.send({ topic: this.topic(topic), acks: -1, messages });
  }

  /** A query on the audit database as the stack's admin (a superuser), behind the service's back. */
  asAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return withPgClient(this.adminUrl, work);
  }

  /** A query as the service's own role, with its privileges. */
  asServiceRole<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return withPgClient(this.databaseUrl, work);
  }

  async recordCount(): Promise<number> {
    return this.asAdmin(async (client) => {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_record');
      return rows[0]!.n;
    });
  }

  /** Resolves once the trail holds `count` records. */
  async appended(count: number): Promise<void> {
    await waitFor(async () => (await this.recordCount()) >= count, {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: `${count} records in the audit trail`,
    });
  }

  /** The AuditCheckpointSigned events on this file's checkpoints topic, in arrival order. */
  checkpoints(): EventEnvelope<string, number, { sequence: string; headHash: string; signature: string }>[] {
    return this.service.recorder.values(this.topic(AUDIT_CHECKPOINTS_TOPIC));
  }

  /** Resolves once a checkpoint at `sequence` (the head) is on the topic. */
  async checkpointed(sequence: number): Promise<void> {
    await waitFor(() => this.checkpoints().some((c) => c.payload.sequence === String(sequence)), {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: `a checkpoint at ${sequence}`,
    });
  }

  verify(): Promise<VerifyOutcome> {
    return verifyAuditChain({
      databaseUrl: this.databaseUrl,
      kafka: this.service.kafka,
      checkpointsTopic: this.topic(AUDIT_CHECKPOINTS_TOPIC),
      publicKey: this.publicKey,
    });
  }

  /**
   * Stops the service, moves its consumer group back to the start of every topic (as a rebalance or a crash
   * before a commit would, at worst), and starts it again: everything is delivered a second time. Deleting the
   * group does that in one call (the consumer reads from the beginning when its group has no offsets);
   * resetOffsets would join the group once per topic.
   */
  async restartFromEarliest(): Promise<void> {
    await this.app.close();
    await withAdmin(this.service.kafka, (admin) => admin.deleteGroups([`${this.prefix}microbank.audit.trail`]));
    this.app = await buildServiceApp(auditService, this.service.config, { logger: false });
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    this.url = await this.app.getUrl();
  }

  async stop(): Promise<void> {
    await this.service.stop();
  }
}
