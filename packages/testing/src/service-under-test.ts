import type { Kafka, Producer } from 'kafkajs';
import type { EventEnvelope } from '@microbank/contracts';
import { waitFor, type StackConnections } from '@microbank/stack';
import { withPgClient } from './pg-client';
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
  private producer: Producer | undefined;

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

  /**
   * Sends `event` as it is to this run's copy of `topic` (a contract topic name), as its publisher would: keyed by
   * its aggregate, acknowledged by every in-sync replica. Send the same event again to deliver it twice.
   */
  async send<E extends EventEnvelope>(topic: string, event: E): Promise<E> {
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      this.producer = producer;
      this.onStop(() => producer.disconnect());
    }
    await this.producer.connect();
    await this.producer.send({
      topic: this.topic(topic),
      acks: -1,
      messages: [{ key: event.aggregateId, value: JSON.stringify(event) }],
    });
    return event;
  }

  /**
   * Resolves once the service has handled every one of `events`: each has its inbox row, which commits with
   * whatever the handler wrote.
   */
  async handled(...events: EventEnvelope[]): Promise<void> {
    const ids = [...new Set(events.map((e) => e.eventId))];
    await waitFor(
      () =>
        withPgClient(this.database.adminUrl, async (client) => {
          const { rows } = await client.query<{ n: number }>(
            'SELECT count(DISTINCT event_id)::int AS n FROM inbox_event WHERE event_id = ANY($1::uuid[])',
            [ids],
          );
          return rows[0]?.n === ids.length;
        }),
      { timeoutMs: 30_000, intervalMs: 50, what: `${ids.length} event(s) handled (${events[0]?.type ?? ''}…)` },
    );
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
