import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DomainError, type Actor } from '@microbank/domain';
import {
  consumerGroupLag,
  type ConsumerGroupInfo,
  type ConsumerGroupLag,
  InjectKafka,
  KafkaEventTransport,
  pause,
  resetGroupToEarliest,
  waitUntilGroupsEmpty,
} from '@microbank/messaging';
import { ReadModelsRepository } from './read-models.repository';
import { eventsPerSecond, rebuildProgress } from './rebuild-progress';
import { IDLE, type RebuildState, type RebuildStateName } from './rebuild-state';

const PROGRESS_INTERVAL_MS = 250;
// a read every PROGRESS_INTERVAL_MS: ten seconds of a Kafka that cannot answer before a rebuild stops watching
const MAX_FAILED_LAG_READS = 40;
const SHUTDOWN_WAIT_MS = 10_000;

/**
 * Rebuilds the read models from the log, inside the running service that owns the consumers: stop them, reset
 * their groups to the earliest offsets, empty the tables they fill, start them again and watch the lag reach 0.
 * One rebuild at a time per instance. A failure at any step leaves the consumers running: before the truncate the
 * tables are intact (a reset group replays into the inbox, which skips every event); after it, they refill.
 */
@Injectable()
export class RebuildService implements OnModuleDestroy {
  private readonly logger = new Logger(RebuildService.name);
  private readonly shutdown = new AbortController();
  private current: RebuildState = IDLE;
  private running: Promise<void> | undefined;

  constructor(
    private readonly transport: KafkaEventTransport,
    @InjectKafka() private readonly kafka: Kafka,
    private readonly readModels: ReadModelsRepository,
  ) {}

  state(actor: Actor): RebuildState {
    this.mustBeAnalyst(actor);
    return this.current;
  }

  /** False while a rebuild empties or refills the read models, or after one failed once they were emptied. */
  readModelsComplete(): boolean {
    return this.current.readModelsComplete;
  }

  /** Starts a rebuild and returns at once with its first state; follow it with state(). */
  start(actor: Actor): RebuildState {
    this.mustBeAnalyst(actor);
    if (this.running) {
      throw DomainError.conflict(
        'Rebuild running',
        `A rebuild started at ${this.current.startedAt} is ${this.current.state}; wait until it caught up or failed.`,
        'rebuild-running',
      );
    }
    this.current = { ...IDLE, state: 'stopping', startedAt: new Date().toISOString(), readModelsComplete: false };
    this.running = this.run().finally(() => (this.running = undefined));
    return this.current;
  }

  /** A shutdown ends the rebuild where it is; the consumers are the transport's to close. */
  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    // a step stuck in Kafka must not hold the shutdown up for good
    await Promise.race([this.running, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
  }

  private async run(): Promise<void> {
    const signal = this.shutdown.signal;
    const admin = this.kafka.admin();
    let consumersStopped = false;
    let truncated = false;
    try {
      await admin.connect();
      const groups = this.transport.consumerGroups();
      this.logger.log(`rebuild started: ${groups.map((g) => g.groupId).join(', ')}`);
      consumersStopped = true; // before: a consumer that fails to stop is off the transport's list all the same
      await this.transport.stopConsumers();
      await waitUntilGroupsEmpty(
        admin,
        groups.map((g) => g.groupId),
        { signal },
      );
      signal.throwIfAborted();

      this.move('resetting');
      await this.resetToEarliest(groups);
      // a shutdown during the reset must not empty the tables: after a restart the reset groups replay into the
      // inbox, which skips every event, and nothing would say the read models were incomplete
      signal.throwIfAborted();
      const tables = await this.readModels.truncateAll();
      truncated = true;
      this.logger.log(`read models emptied: ${tables.join(', ')}`);
      signal.throwIfAborted();

      await this.transport.startConsumers();
      consumersStopped = false;
      const replayStartedAt = Date.now();
      this.move('replaying', { replayStartedAt: new Date(replayStartedAt).toISOString() });
      let failedReads = 0;
      for (;;) {
        const lags: ConsumerGroupLag[] = [];
        try {
          for (const g of this.transport.consumerGroups()) {
            lags.push(await consumerGroupLag(admin, g.groupId, g.topics, g.finished));
          }
          failedReads = 0;
        } catch (error) {
          // the consumers replay on through a broker's hiccup: stop watching only if Kafka stays unreadable
          if (++failedReads >= MAX_FAILED_LAG_READS) throw error;
          this.logger.warn(`could not read the lag (${failedReads}): ${(error as Error).message}`);
          await pause(PROGRESS_INTERVAL_MS, signal);
          signal.throwIfAborted();
          continue;
        }
        const progress = rebuildProgress(lags);
        const elapsedMs = Date.now() - replayStartedAt;
        this.current = {
          ...this.current,
          ...progress,
          eventsPerSecond: eventsPerSecond(progress.eventsReplayed, elapsedMs),
        };
        if (progress.lag === 0) break;
        await pause(PROGRESS_INTERVAL_MS, signal);
        signal.throwIfAborted();
      }
      this.move('caught-up', { finishedAt: new Date().toISOString(), readModelsComplete: true });
      this.logger.log(`rebuild caught up: ${this.current.eventsReplayed} events, ${this.current.eventsPerSecond}/s`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`rebuild failed: ${message}`);
      // emptied tables refill as the restarted consumers replay, but nothing watches them catch up any more
      this.move('failed', { finishedAt: new Date().toISOString(), error: message, readModelsComplete: !truncated });
      if (consumersStopped && !signal.aborted) await this.restartConsumers();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * Every group side by side (a reset joins its group for a few seconds), each on an admin client of its own; all
   * of them settle before the first failure is thrown, so no reset is still running when the consumers restart.
   */
  private async resetToEarliest(groups: readonly ConsumerGroupInfo[]): Promise<void> {
    const results = await Promise.allSettled(
      groups.map(async (g) => {
        const admin = this.kafka.admin();
        try {
          await admin.connect();
          await resetGroupToEarliest(admin, g.groupId, g.topics);
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      }),
    );
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private async restartConsumers(): Promise<void> {
    try {
      await this.transport.startConsumers();
    } catch (error) {
      this.logger.error(`consumers not restarted after the failed rebuild: ${(error as Error).message}`);
    }
  }

  private move(state: RebuildStateName, fields: Partial<RebuildState> = {}): void {
    this.current = { ...this.current, ...fields, state };
  }

  private mustBeAnalyst(actor: Actor): void {
    if (actor.role !== 'analyst') throw DomainError.forbidden('Only bank staff (analysts) rebuild the read models.');
  }
}
