import type { ServiceName } from '@microbank/stack';
import { createTestTopics, deleteGroupsWithPrefix, deleteTestTopics, testKafka, uniqueName } from './kafka';
import { runCleanups, ServiceUnderTest, type ServableApp } from './service-under-test';
import { createServiceDatabase } from './service-database';
import { stackConnections } from './stack-connections';
import { testKeys } from './test-tokens';
import { TopicRecorder } from './topic-recorder';

/** The settings every service takes, pointed at this run's database and topics; a caller adds its service's own. */
export interface BaseServiceConfig {
  readonly DATABASE_URL: string;
  readonly KAFKA_BROKERS: string[];
  readonly KAFKA_TOPIC_PREFIX: string;
  readonly PORT: 0;
  readonly HOST: '127.0.0.1';
  readonly JWT_PUBLIC_KEY: string;
  readonly JWT_PRIVATE_KEY: string;
  readonly CORS_ORIGINS: string[];
}

export interface ServiceUnderTestOptions<Config, App extends ServableApp> {
  readonly service: ServiceName;
  /** The contract topics the service reads or writes; this run gets prefixed copies, with their dead-letter topics. */
  readonly topics: readonly string[];
  /** Contract topics whose prefixed copies the recorder reads from the beginning. */
  readonly record?: readonly string[];
  /** Applies the service's migrations to the run's database (a URL of the service's own role). */
  migrate(databaseUrl: string): Promise<unknown>;
  /** The service's config, from the base one. */
  config(base: BaseServiceConfig): Config;
  build(config: Config): Promise<App>;
}

/**
 * Starts a service in this process the way a test needs it: a fresh database of its own role, migrated; prefixed
 * copies of its topics; a real port on 127.0.0.1. Nothing it writes reaches the demo's databases or topics, and
 * `stop()` removes what it created.
 */
export async function startServiceUnderTest<Config, App extends ServableApp>(
  options: ServiceUnderTestOptions<Config, App>,
): Promise<ServiceUnderTest<Config, App>> {
  const stack = await stackConnections();
  const kafka = testKafka(stack);
  const keys = testKeys();
  const prefix = `${uniqueName('test')}.`;
  const topics = options.topics.map((topic) => `${prefix}${topic}`);
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const database = await createServiceDatabase(stack, options.service);
    cleanups.push(() => database.drop());
    await options.migrate(database.url);
    cleanups.push(() => deleteTestTopics(kafka, topics));
    cleanups.push(() => deleteGroupsWithPrefix(kafka, prefix));
    await createTestTopics(kafka, stack, topics);
    const config = options.config({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: [...stack.kafka.brokers],
      KAFKA_TOPIC_PREFIX: prefix,
      PORT: 0,
      HOST: '127.0.0.1',
      JWT_PUBLIC_KEY: keys.publicKey,
      JWT_PRIVATE_KEY: keys.privateKey,
      CORS_ORIGINS: [],
    });
    const app = await options.build(config);
    cleanups.push(() => app.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const recorder = new TopicRecorder(kafka, `${prefix}recorder`);
    cleanups.push(() => recorder.stop());
    if (options.record?.length) await recorder.start(options.record.map((topic) => `${prefix}${topic}`));
    return new ServiceUnderTest(
      app,
      await app.getUrl(),
      config,
      keys,
      stack,
      kafka,
      prefix,
      database,
      recorder,
      cleanups,
    );
  } catch (error) {
    await runCleanups(cleanups).catch(() => undefined);
    throw error;
  }
}
