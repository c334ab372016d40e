import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import { Topics, deadLetterTopicOf } from '@microbank/contracts';
import { InjectKafka, RestartingConsumer, TopicNames, backoffMs, pause } from '@microbank/messaging';
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
  private consumer: RestartingConsumer | undefined;

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
    await this.consumer?.stop();
  }

  private async start(): Promise<void> {
    this.consumer = new RestartingConsumer({
      kafka: this.kafka,
      config: {
        groupId: this.groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: SESSION_TIMEOUT_MS,
        heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      },
      topics: this.topicNames,
      run: {
        autoCommit: true,
        autoCommitInterval: AUTO_COMMIT_INTERVAL_MS,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.onBatch(payload),
      },
      onCrash: (error) => this.logger.error(`consumer crashed; restarting it: ${error.message}`),
      onRestartFailed: (error, attempt) =>
        this.logger.warn(`consumer restart failed (attempt ${attempt}): ${error.message}`),
    });
    await this.consumer.start();
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
