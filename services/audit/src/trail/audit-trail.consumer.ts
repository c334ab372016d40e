import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { Topics, deadLetterTopicOf } from '@microbank/contracts';
import { InjectKafka, TopicNames, backoffMs, pause } from '@microbank/messaging';
import { AuditTrailService } from './audit-trail.service';

// as the service kit's consumers: a SIGKILLed member's partitions move on after 10 s, a retry pause keeps them
const SESSION_TIMEOUT_MS = 10_000;
const HEARTBEAT_INTERVAL_MS = 3_000;
const MAX_RETRY_PAUSE_MS = 5_000;
const AUTO_COMMIT_INTERVAL_MS = 1_000;

/**
 * Reads every business and dead-letter topic from the beginning and appends each record to the trail. KafkaJS
 * directly, not @OnEvent: the trail records Kafka records (undecodable ones too) and is idempotent by position, not
 * by event id. An offset is resolved only after its batch's transaction committed; a failure is retried in place,
 * forever, because a record the trail skipped would be a hole in the audit.
 */
@Injectable()
export class AuditTrailConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditTrailConsumer.name);
  private readonly stopping = new AbortController();
  private consumer: Consumer | undefined;
  private restarting: Promise<void> | undefined;

  constructor(
    @InjectKafka() private readonly kafka: Kafka,
    private readonly topics: TopicNames,
    private readonly trail: AuditTrailService,
  ) {}

  /** The real names of the topics it reads: not the checkpoints topic, which would feed on itself. */
  get topicNames(): string[] {
    return Object.values(Topics).flatMap((topic) => [this.topics.of(topic), deadLetterTopicOf(this.topics.of(topic))]);
  }

  get groupId(): string {
    return `${this.topics.prefix}microbank.audit.trail`;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  // before the shutdown hooks, which close the pool: the batch in hand finishes through it and is committed
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.restarting;
    await this.consumer?.disconnect();
  }

  private async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // KafkaJS restarts itself after retriable crashes; the others would leave the trail deaf
      if (!payload.restart && !this.stopping.signal.aborted) this.restartAfterCrash(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topicNames, fromBeginning: true });
    // not awaited: joining can wait out a dead member's session, and the service should answer meanwhile
    void consumer
      .run({
        autoCommit: true,
        autoCommitInterval: AUTO_COMMIT_INTERVAL_MS,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.onBatch(payload),
      })
      .catch((error: Error) => this.restartAfterCrash(error));
  }

  private restartAfterCrash(error: Error): void {
    this.logger.error(`consumer crashed; restarting it: ${error.message}`);
    this.restarting = (async () => {
      for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
        await pause(backoffMs(attempt, 500, 15_000), this.stopping.signal);
        if (this.stopping.signal.aborted) return;
        try {
          await this.consumer?.disconnect().catch(() => undefined);
          await this.start();
          return;
        } catch (restartError) {
          this.logger.warn(`consumer restart failed (attempt ${attempt}): ${(restartError as Error).message}`);
        }
      }
    })();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      if (!payload.isRunning() || payload.isStale()) return; // unresolved: read again by whoever owns the partition next
      try {
        await this.trail.append(batch.topic, batch.partition, batch.messages);
        break;
      } catch (error) {
        const where = `${batch.topic}[${batch.partition}] ${batch.firstOffset()}…${batch.lastOffset()}`;
        this.logger.warn(`appending ${where} failed; retrying (attempt ${attempt}): ${(error as Error).message}`);
        // throwing hands the batch back uncommitted: after a restart or rebalance it is read again
        if (this.stopping.signal.aborted) throw error;
        await payload.heartbeat();
        await pause(backoffMs(attempt, 100, MAX_RETRY_PAUSE_MS), this.stopping.signal);
        if (this.stopping.signal.aborted) throw error;
      }
    }
    payload.resolveOffset(batch.messages[batch.messages.length - 1]!.offset);
    await payload.heartbeat();
  }
}
