import { randomInt } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@microbank/contracts';
import { TopicNames } from '@microbank/messaging';
import {
  TopicRecorder,
  createTestTopics,
  httpRequest,
  deleteTestTopics,
  stackConnections,
  testKafka,
  testKeys,
  uniqueName,
  type TestKeys,
  type TestRequest,
} from '@microbank/testing';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { UserConfig } from '../src/config';
import { buildServiceApp, migrateServiceDatabase } from '@microbank/service-kit';
import { userService } from '../src/service-definition';

/** The user service on a real port, against its own database and role, with topics of this test run. */
export class UserTestApp {
  private readonly clientAddresses = new Set<string>();

  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    readonly config: UserConfig,
    readonly keys: TestKeys,
    readonly kafka: Kafka,
    readonly topics: TopicNames,
    readonly signups: TopicRecorder,
  ) {}

  /** `settings` override the test defaults, e.g. `TRUSTED_PROXIES` to stand behind a proxy. */
  static async start(settings: Partial<UserConfig> = {}): Promise<UserTestApp> {
    const stack = await stackConnections();
    const keys = testKeys();
    const topics = new TopicNames(`${uniqueName('test')}.`);
    const kafka = testKafka(stack);
    await createTestTopics(kafka, stack, [topics.of(Topics.signups)]);
    const config: UserConfig = {
      DATABASE_URL: stack.postgres.services.user.url,
      KAFKA_BROKERS: [...stack.kafka.brokers],
      KAFKA_TOPIC_PREFIX: topics.prefix,
      PORT: 0,
      JWT_PRIVATE_KEY: keys.privateKey,
      JWT_PUBLIC_KEY: keys.publicKey,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      ANALYST_EMAIL: `${uniqueName('analyst')}@test.microbank.local`,
      ANALYST_PASSWORD: 'correct horse battery staple',
      TRUSTED_PROXIES: false,
      SIGNUPS_PER_ADDRESS: 10,
      ...settings,
    };
    await migrateServiceDatabase(userService, config.DATABASE_URL);
    const app = await buildServiceApp(userService, config, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const signups = await new TopicRecorder(kafka, `${topics.prefix}recorder`).start([topics.of(Topics.signups)]);
    return new UserTestApp(app, await app.getUrl(), config, keys, kafka, topics, signups);
  }

  request(method: string, path: string, options: TestRequest = {}): Promise<Response> {
    return httpRequest(this.url, method, path, options);
  }

  /**
   * A client address of this run's own, for requests through a trusted proxy (`x-forwarded-for`): from the
   * benchmarking range 198.18.0.0/15, random so runs sharing the database do not share throttle counts.
   */
  newClientAddress(): string {
    const address = `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;
    this.clientAddresses.add(address);
    return address;
  }

  /** Every direct test request comes from 127.0.0.1, so its per-address counts are shared by the whole file. */
  async clearAddressThrottle(): Promise<void> {
    const db = new Client({ connectionString: this.config.DATABASE_URL });
    await db.connect();
    await db.query(`DELETE FROM login_throttle WHERE key IN ('ip:127.0.0.1', 'signup:127.0.0.1')`);
    await db.end();
  }

  async stop(): Promise<void> {
    await this.signups.stop();
    await this.app.close();
    await deleteTestTopics(this.kafka, [this.topics.of(Topics.signups)], [`${this.topics.prefix}recorder`]).catch(
      () => undefined,
    );
    // the throttle counts per address, and every direct test request comes from 127.0.0.1
    const db = new Client({ connectionString: this.config.DATABASE_URL });
    await db.connect();
    const addresses = ['127.0.0.1', ...this.clientAddresses];
    await db.query(
      `DELETE FROM login_throttle WHERE key = ANY($1::text[]) OR key LIKE 'account:%@test.microbank.local|%'`,
      [addresses.flatMap((address) => [`ip:${address}`, `signup:${address}`])],
    );
    // an event still waiting for this run's deleted topics would hold up the service's relay for good
    await db.query('UPDATE outbox_event SET published_at = now() WHERE published_at IS NULL AND topic LIKE $1', [
      `${this.topics.prefix}%`,
    ]);
    await db.end();
  }
}

export const newCustomer = () => ({
  email: `${uniqueName('ada')}@test.microbank.local`,
  password: 'a long enough password',
  fullName: 'Ada Lovelace',
  country: 'GB',
});
