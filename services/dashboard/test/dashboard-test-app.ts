import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Topics, type EventEnvelope } from '@microbank/contracts';
import {
  createTestTopics,
  deleteGroupsWithPrefix,
  deleteTestTopics,
  EventStreamClient,
  httpRequest,
  runCleanups,
  signTestToken,
  stackConnections,
  testKafka,
  testKeys,
  uniqueName,
  type TestRequest,
} from '@microbank/testing';
import type { StackConnections } from '@microbank/stack';
import { loadDashboardConfig } from '../src/config';
import { buildDashboardApp } from '../src/dashboard-app';

export interface DashboardOptions {
  /** Topics of a run that already has them (a BankUnderTest's); none: the dashboard gets topics of its own. */
  readonly prefix?: string;
  /** The user service's key (a BankUnderTest's); none: a key pair of the test's own. */
  readonly keys?: { readonly publicKey: string; readonly privateKey: string };
  readonly env?: NodeJS.ProcessEnv;
  /** A port chosen beforehand (e.g. so the user service can be told the dashboard's origin); none: any free one. */
  readonly port?: number;
}

/**
 * The dashboard on a real port of this process, reading the real cluster under a topic prefix of its own (or of
 * the bank it watches): it sees none of the demo's topics or consumer groups, and `stop()` removes what it made.
 */
export class DashboardUnderTest {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
    readonly prefix: string,
    readonly stack: StackConnections,
    readonly kafka: Kafka,
    private readonly keys: { readonly publicKey: string; readonly privateKey: string },
    private readonly cleanups: (() => Promise<unknown>)[],
  ) {}

  static async start(options: DashboardOptions = {}): Promise<DashboardUnderTest> {
    const stack = await stackConnections();
    const kafka = testKafka(stack);
    const keys = options.keys ?? testKeys();
    const prefix = options.prefix ?? `${uniqueName('test')}.`;
    const cleanups: (() => Promise<unknown>)[] = [];
    try {
      if (!options.prefix) {
        const topics = Object.values(Topics).map((topic) => `${prefix}${topic}`);
        cleanups.push(() => deleteTestTopics(kafka, topics));
        cleanups.push(() => deleteGroupsWithPrefix(kafka, prefix));
        await createTestTopics(kafka, stack, topics);
      }
      const config = loadDashboardConfig({
        KAFKA_BROKERS: stack.kafka.brokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        ZOOKEEPER_CONNECT: stack.zookeeper.connect,
        JWT_PUBLIC_KEY: keys.publicKey,
        PORT: '0',
        DASHBOARD_CLUSTER_POLL_MS: '500',
        DASHBOARD_LAG_SAMPLE_MS: '250',
        ...options.env,
      });
      const app = await buildDashboardApp(config, { logger: false });
      cleanups.push(() => app.close());
      await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
      return new DashboardUnderTest(app, await app.getUrl(), prefix, stack, kafka, keys, cleanups);
    } catch (error) {
      await runCleanups(cleanups).catch(() => undefined);
      throw error;
    }
  }

  async stop(): Promise<void> {
    await runCleanups(this.cleanups);
  }

  /** A token as the user service signs it. */
  token(role: 'analyst' | 'customer'): Promise<string> {
    const userId = randomUUID();
    return signTestToken(this.keys.privateKey, { userId, email: `${userId}@test.microbank.local`, role });
  }

  async get<T>(path: string, init: TestRequest = {}): Promise<{ status: number; headers: Headers; body: T }> {
    const response = await httpRequest(this.url, 'GET', path, init);
    return { status: response.status, headers: response.headers, body: (await response.json()) as T };
  }

  stream(path: string, token: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    const separator = path.includes('?') ? '&' : '?';
    return EventStreamClient.open(`${this.url}${path}${separator}access_token=${token}`, headers);
  }

  /** Publishes envelopes to this run's copy of `topic`, keyed by aggregate, as the outbox relay would. */
  async publish(topic: string, ...events: EventEnvelope[]): Promise<void> {
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({
        topic: `${this.prefix}${topic}`,
        acks: -1,
        messages: events.map((event) => ({ key: event.aggregateId, value: JSON.stringify(event) })),
      });
    } finally {
      await producer.disconnect();
    }
  }
}
