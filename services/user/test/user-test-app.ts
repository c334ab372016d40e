import { randomInt } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topics } from '@microbank/contracts';
import { TopicNames } from '@microbank/messaging';
import {
  httpRequest,
  startServiceUnderTest,
  uniqueName,
  type ServiceUnderTest,
  type TestKeys,
  type TestRequest,
  type TopicRecorder,
} from '@microbank/testing';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { UserConfig } from '../src/config';
import { buildServiceApp, migrateServiceDatabase } from '@microbank/service-kit';
import { userService } from '../src/service-definition';

/** The user service on a real port, as its own role on a database and topics of this test file only. */
export class UserTestApp {
  readonly topics: TopicNames;

  private constructor(private readonly service: ServiceUnderTest<UserConfig, NestFastifyApplication>) {
    this.topics = new TopicNames(service.prefix);
  }

  get app(): NestFastifyApplication {
    return this.service.app;
  }
  get url(): string {
    return this.service.url;
  }
  get config(): UserConfig {
    return this.service.config;
  }
  get keys(): TestKeys {
    return this.service.keys;
  }
  get kafka(): Kafka {
    return this.service.kafka;
  }
  /** Records this file's signups topic. */
  get signups(): TopicRecorder {
    return this.service.recorder;
  }

  /** `settings` override the test defaults, e.g. `TRUSTED_PROXIES` to stand behind a proxy. */
  static async start(settings: Partial<UserConfig> = {}): Promise<UserTestApp> {
    const service = await startServiceUnderTest({
      service: 'user',
      topics: [Topics.signups],
      record: [Topics.signups],
      migrate: (url) => migrateServiceDatabase(userService, url),
      config: (base): UserConfig => ({
        ...base,
        ACCESS_TOKEN_TTL_SECONDS: 900,
        ANALYST_EMAIL: `${uniqueName('analyst')}@test.microbank.local`,
        ANALYST_PASSWORD: 'correct horse battery staple',
        TRUSTED_PROXIES: false,
        SIGNUPS_PER_ADDRESS: 10,
        ...settings,
      }),
      build: (config) => buildServiceApp(userService, config, { logger: false }),
    });
    return new UserTestApp(service);
  }

  request(method: string, path: string, options: TestRequest = {}): Promise<Response> {
    return httpRequest(this.url, method, path, options);
  }

  /**
   * A client address for requests through a trusted proxy (`x-forwarded-for`): from the benchmarking range
   * 198.18.0.0/15, random so the tests of one file do not share throttle counts.
   */
  newClientAddress(): string {
    return `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;
  }

  /** Every direct test request comes from 127.0.0.1, so its per-address counts are shared by the whole file. */
  async clearAddressThrottle(): Promise<void> {
    const db = new Client({ connectionString: this.config.DATABASE_URL });
    await db.connect();
    try {
      await db.query(`DELETE FROM login_throttle WHERE key IN ('ip:127.0.0.1', 'signup:127.0.0.1')`);
    } finally {
      await db.end();
    }
  }

  async stop(): Promise<void> {
    await this.service.stop();
  }
}

export const newCustomer = () => ({
  email: `${uniqueName('ada')}@test.microbank.local`,
  password: 'a long enough password',
  fullName: 'Ada Lovelace',
  country: 'GB',
});
