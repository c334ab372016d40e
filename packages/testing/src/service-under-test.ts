import type { Kafka } from 'kafkajs';
import type { StackConnections } from '@microbank/stack';
import type { ServiceTestDatabase } from './service-database';
import type { TestKeys } from './test-tokens';
import type { TopicRecorder } from './topic-recorder';

/** What the harness needs of a built NestJS application (a `NestFastifyApplication` has it). */
export interface ServableApp {
  listen(options: { port: number; host: string }): Promise<unknown>;
  getUrl(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A service started by `startServiceUnderTest`: its app on a real port, its own database, its own prefixed topics.
 * `stop()` removes all of it.
 */
export class ServiceUnderTest<Config, App extends ServableApp> {
  constructor(
    readonly app: App,
    readonly url: string,
    readonly config: Config,
    readonly keys: TestKeys,
    readonly stack: StackConnections,
    readonly kafka: Kafka,
    /** Prefixes this run's topics and consumer groups. */
    readonly prefix: string,
    readonly database: ServiceTestDatabase,
    /** Records the topics the caller asked for, from the beginning. */
    readonly recorder: TopicRecorder,
    private readonly cleanups: (() => Promise<unknown>)[],
  ) {}

  /** This run's name for a contract topic (`banking.signups` → `test.1a2b3c4d.banking.signups`). */
  topic(contractTopic: string): string {
    return `${this.prefix}${contractTopic}`;
  }

  /** Runs `cleanup` at stop, before the app closes (cleanups run last-registered first). */
  onStop(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  /** Closes the app and removes its topics, consumer groups and database; every step runs even if one fails. */
  async stop(): Promise<void> {
    await runCleanups(this.cleanups);
  }
}

/** Runs and empties `cleanups`, last first, every one of them; rethrows the first failure afterwards. */
export async function runCleanups(cleanups: (() => Promise<unknown>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => failures.push(error));
  }
  if (failures.length) throw failures[0];
}
