import { decodeEvent, type EventDefinition, type EventEnvelope, type EventOf } from '@microbank/contracts';
import type { EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { AcknowledgedProducer } from './acknowledged-producer';
import { backoffMs, pause } from './backoff';
import { DeadLetterHeaders } from './kafka-headers';
import { classifyFailure } from './messaging-errors';
import { silentLogger, type MessagingLogger } from './messaging-logger';
import { RestartingConsumer } from './restarting-consumer';
import { RetryBudget } from './retry-budget';
import type { SqlExecutor, TransactionRunner } from './sql-client';
import { TopicNames } from './topic-names';

/**
 * How long the group coordinator waits for a silent member before giving its partitions to the others. KafkaJS's
 * 30 s default means a SIGKILLed consumer (or one whose LeaveGroup went to a broker that just died) stalls its
 * partitions for 30 s; 10 s with a heartbeat every 3 s still lets a retry pause (below) keep its partitions.
 */
const SESSION_TIMEOUT_MS = 10_000;
const HEARTBEAT_INTERVAL_MS = 3_000;
// well under the session timeout, so a consumer retrying through an outage keeps its partitions
const MAX_RETRY_PAUSE_MS = 5_000;
const AUTO_COMMIT_INTERVAL_MS = 1_000;
// each partition in order, the partitions side by side: one slow aggregate does not hold up the others
const PARTITIONS_CONSUMED_CONCURRENTLY = 3;

/** A partition and an offset in it. */
export interface PartitionPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

/** Where the message being handled sits in Kafka. */
export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type EventHandler<D extends EventDefinition, Tx extends SqlExecutor> = (
  event: EventOf<D>,
  tx: Tx,
  context: MessageContext,
) => Promise<void>;

export interface EventConsumerOptions<D extends EventDefinition, Tx extends SqlExecutor> {
  readonly kafka: Kafka;
  /** The Kafka consumer group, and the consumer's name in the inbox. */
  readonly groupId: string;
  /** Real topic names (with any prefix applied). */
  readonly topics: readonly string[];
  /** Every event type and version this consumer handles; see decodeEvent for the rule. */
  readonly accepts: readonly D[];
  readonly handler: EventHandler<D, Tx>;
  readonly database: TransactionRunner<Tx>;
  readonly topicNames?: TopicNames;
  /** How often a failure that is neither known-transient nor permanent is retried before it is dead-lettered. */
  readonly maxAttemptsForUnknownFailures?: number;
  readonly logger?: MessagingLogger;
}

/**
 * Consumes events exactly once in effect. KafkaJS directly rather than @nestjs/microservices' transport,
 * which commits offsets on its own schedule: here an offset is committed only after the handler's
 * transaction (with its inbox row) committed, failures are retried in place so nothing behind them is
 * processed first, and permanent failures go to the dead-letter topic.
 */
export class EventConsumer<D extends EventDefinition, Tx extends SqlExecutor> {
  private readonly logger: MessagingLogger;
  private readonly maxUnknownAttempts: number;
  private readonly topicNames: TopicNames;
  private readonly stopping = new AbortController();
  private consumer: RestartingConsumer | undefined;
  private producer: AcknowledgedProducer | undefined;
  // the next offset per partition, known before its auto-commit lands (up to a second later, or never when idle)
  private readonly finished = new Map<string, PartitionPosition>();

  constructor(private readonly options: EventConsumerOptions<D, Tx>) {
    this.logger = options.logger ?? silentLogger;
    this.maxUnknownAttempts = options.maxAttemptsForUnknownFailures ?? 5;
    this.topicNames = options.topicNames ?? new TopicNames();
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /**
   * Per partition this consumer read since it started, the offset after the last message it finished (handled,
   * skipped or dead-lettered): its position, which Kafka's committed offset reaches only at the next auto-commit.
   */
  positions(): PartitionPosition[] {
    return [...this.finished.values()];
  }

  async start(): Promise<void> {
    this.producer ??= new AcknowledgedProducer(this.options.kafka);
    await this.producer.connect();
    this.consumer = new RestartingConsumer({
      kafka: this.options.kafka,
      config: {
        groupId: this.options.groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: SESSION_TIMEOUT_MS,
        heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      },
      topics: this.options.topics,
      run: {
        // an offset is resolved only once its message was handled (or dead-lettered), and committed in the
        // background: a commit is a replicated write to __consumer_offsets, too slow to wait for per message. A
        // crash re-delivers what was handled since the last commit; the inbox drops it.
        autoCommit: true,
        autoCommitInterval: AUTO_COMMIT_INTERVAL_MS,
        partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY,
        eachMessage: (payload) => this.onMessage(payload),
      },
      onCrash: (error) =>
        this.logger.error('consumer crashed; restarting it', { error: error.message, groupId: this.groupId }),
      onRestartFailed: (error, attempt) =>
        this.logger.warn('consumer restart failed', { error: error.message, groupId: this.groupId, attempt }),
    });
    await this.consumer.start();
  }

  /** Finishes the message in hand, commits, and leaves the group; a pending restart is cancelled. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer?.stop();
    await this.producer?.disconnect();
  }

  private async onMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const where = { topic, partition, offset: message.offset };
    const budget = new RetryBudget(this.maxUnknownAttempts);
    for (;;) {
      try {
        await this.process(message, where);
        break;
      } catch (error) {
        const kind = classifyFailure(error);
        if (budget.recordFailure(kind) === 'dead-letter') {
          await this.deadLetter(message, where, error as Error, budget.attempts);
          break;
        }
        const attempt = budget.attempts;
        this.logger.warn('handling failed; retrying', { ...where, kind, attempt, error: (error as Error).message });
        // throwing hands the message back uncommitted: after a restart or rebalance it is read again
        if (this.stopping.signal.aborted) throw error;
        await payload.heartbeat();
        await pause(backoffMs(attempt, 100, MAX_RETRY_PAUSE_MS), this.stopping.signal);
        if (this.stopping.signal.aborted) throw error;
      }
    }
    this.finished.set(`${topic}:${partition}`, { topic, partition, offset: BigInt(message.offset) + 1n });
  }

  private async process(message: KafkaMessage, where: MessageContext): Promise<void> {
    const decoded = decodeEvent(message.value, this.options.accepts);
    if (decoded.kind === 'not-handled') {
      this.logger.info('skipped event this consumer does not handle', { ...where, eventType: decoded.type });
      return;
    }
    const event = decoded.event;
    const applied = await this.options.database.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO inbox_event (consumer, event_id, event_type, topic, partition, "offset")
        VALUES (${this.options.groupId}, ${event.eventId}::uuid, ${event.type}, ${where.topic}, ${where.partition}, ${BigInt(where.offset)})
        ON CONFLICT DO NOTHING`;
      if (inserted === 0) return false; // handled before: a redelivery or a republished outbox row
      await this.options.handler(event, tx, where);
      return true;
    });
    this.logger.info(applied ? 'handled event' : 'skipped duplicate event', { ...where, ...eventFields(event) });
  }

  private async deadLetter(
    message: KafkaMessage,
    where: MessageContext,
    error: Error,
    attempts: number,
  ): Promise<void> {
    const reason =
      error.name === 'PermanentEventError'
        ? error.message.split(':')[0]!
        : classifyFailure(error) === 'permanent'
          ? 'rejected'
          : 'retries-exhausted';
    const deadLetterTopic = this.topicNames.deadLetterOf(where.topic);
    for (let attempt = 1; ; attempt++) {
      try {
        // the offset is committed only after this returns: a dead letter Kafka did not prove it stored is retried
        const [stored] = await this.producer!.send([
          {
            topic: deadLetterTopic,
            message: {
              key: message.key,
              value: message.value,
              headers: {
                ...message.headers,
                [DeadLetterHeaders.originalTopic]: where.topic,
                [DeadLetterHeaders.originalPartition]: String(where.partition),
                [DeadLetterHeaders.originalOffset]: where.offset,
                [DeadLetterHeaders.consumerGroup]: this.options.groupId,
                [DeadLetterHeaders.reason]: reason,
                [DeadLetterHeaders.error]: error.message.slice(0, 2_000),
                [DeadLetterHeaders.attempts]: String(attempts),
                [DeadLetterHeaders.failedAt]: new Date().toISOString(),
              },
            },
          },
        ]);
        this.logger.error('dead-lettered message', {
          ...where,
          deadLetterTopic,
          deadLetterPartition: stored!.partition,
          deadLetterOffset: stored!.offset,
          reason,
          error: error.message,
        });
        return;
      } catch (publishError) {
        if (this.stopping.signal.aborted) throw publishError;
        this.logger.warn('could not publish dead letter; retrying', {
          ...where,
          error: (publishError as Error).message,
        });
        await pause(backoffMs(attempt, 200, 10_000), this.stopping.signal);
      }
    }
  }
}

function eventFields(event: EventEnvelope) {
  return { eventId: event.eventId, eventType: event.type, correlationId: event.correlationId };
}
