import { Partitioners, type Admin, type Kafka, type Message, type PartitionMetadata, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { backoffMs, pause } from './backoff';
import { orderedProducer } from './ordered-producer';
import { EventHeaders } from './kafka-headers';
import { silentLogger, type MessagingLogger } from './messaging-logger';
import { OUTBOX_CHANNEL } from './outbox-writer';

export interface OutboxRelayOptions {
  /** The service's own database, where outbox_event lives. */
  readonly databaseUrl: string;
  readonly kafka: Kafka;
  /** Names the relay in logs and in the advisory lock. */
  readonly service: string;
  readonly batchSize?: number;
  /** How often to look for rows without a notification (a safety net; NOTIFY does the waking). */
  readonly pollIntervalMs?: number;
  /** How often a standby relay tries to take over. */
  readonly standbyRetryMs?: number;
  readonly logger?: MessagingLogger;
}

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  event_version: number;
  envelope: { correlationId?: string };
}

/**
 * Publishes committed outbox rows to Kafka in id order and marks them sent.
 *
 * One relay per service is active at a time: it holds a session-level advisory lock on its own connection
 * (LISTEN needs a dedicated connection too, which Prisma's pool cannot give). When the holder dies, its
 * connection closes, the lock is released, and a standby takes over. A crash between publishing and
 * marking publishes those rows again; consumers drop the duplicates by event id.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly standbyRetryMs: number;
  private readonly logger: MessagingLogger;
  private readonly stopping = new AbortController();
  private client: Client | undefined;
  private producer: Producer | undefined;
  private admin: Admin | undefined;
  // the Java client's murmur2 partitioner: choosing the partition here lets every publish log its exact offset
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly partitions = new Map<string, PartitionMetadata[]>();
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private active = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.standbyRetryMs = options.standbyRetryMs ?? 1_000;
    this.logger = options.logger ?? silentLogger;
  }

  /** True while this instance holds the lock and publishes. */
  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake?.();
    await this.running;
    await this.disconnect();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        if (!this.active && !(await this.becomeActive())) {
          await pause(this.standbyRetryMs, this.stopping.signal);
          continue;
        }
        const sent = await this.publishBatch();
        failures = 0;
        if (sent < this.batchSize) await this.idle();
      } catch (error) {
        failures++;
        this.logger.warn('outbox relay failed; retrying', {
          error: (error as Error).message,
          failures,
          service: this.options.service,
        });
        // a broken database connection also means the lock is gone: start over as a standby
        if (!this.client || isDatabaseConnectionError(error)) await this.disconnect();
        await pause(backoffMs(failures, 200, 5_000), this.stopping.signal);
      }
    }
  }

  private async becomeActive(): Promise<boolean> {
    if (!this.client) {
      const client = new Client({
        connectionString: this.options.databaseUrl,
        application_name: `${this.options.service}-outbox-relay`,
        // a silently dropped connection must surface in seconds: until it does, it holds the lock
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        query_timeout: 30_000,
      });
      client.on('error', (error) => {
        this.logger.warn('outbox relay lost its database connection', {
          error: error.message,
          service: this.options.service,
        });
        this.client = undefined; // becomeActive reconnects; the server released the lock with the session
        this.active = false;
        this.wake?.();
      });
      client.on('notification', () => this.wake?.());
      await client.connect();
      // and the server side: drop the session (and the lock with it) once the client stops answering
      await client.query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3');
      this.client = client;
    }
    const { rows } = await this.client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [`microbank.outbox-relay.${this.options.service}`],
    );
    if (!rows[0]?.locked) return false;
    await this.client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.producer ??= orderedProducer(this.options.kafka);
    await this.producer.connect();
    this.admin ??= this.options.kafka.admin();
    await this.admin.connect();
    this.active = true;
    this.logger.info('outbox relay is active', { service: this.options.service });
    return true;
  }

  /** Sends the oldest pending rows; returns how many. */
  private async publishBatch(): Promise<number> {
    const client = this.client!;
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, event_id, topic, message_key, event_type, event_version, envelope
         FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    await this.publish(rows);
    await this.markPublished(rows.map((row) => row.id));
    return rows.length;
  }

  protected async publish(rows: readonly OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    const placed: { row: OutboxRow; partition: number; index: number }[] = [];
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      const message: Message = {
        key: row.message_key,
        value: JSON.stringify(row.envelope),
        headers: {
          [EventHeaders.eventId]: row.event_id,
          [EventHeaders.eventType]: row.event_type,
          [EventHeaders.eventVersion]: String(row.event_version),
          [EventHeaders.correlationId]: row.envelope.correlationId ?? '',
          [EventHeaders.contentType]: 'application/json',
        },
      };
      message.partition = this.partitioner({
        topic: row.topic,
        partitionMetadata: await this.partitionsOf(row.topic),
        message,
      });
      placed.push({
        row,
        partition: message.partition,
        index: messages.filter((m) => m.partition === message.partition).length,
      });
      messages.push(message);
      byTopic.set(row.topic, messages);
    }
    // acks=all with min.insync.replicas=2: a row is marked sent only once two brokers have it
    const acks = await this.producer!.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    for (const { row, partition, index } of placed) {
      const ack = acks.find((a) => a.topicName === row.topic && a.partition === partition);
      this.logger.info('published event', {
        eventId: row.event_id,
        eventType: row.event_type,
        correlationId: row.envelope.correlationId,
        topic: row.topic,
        partition,
        offset: ack?.baseOffset === undefined ? undefined : (BigInt(ack.baseOffset) + BigInt(index)).toString(),
      });
    }
  }

  private async partitionsOf(topic: string): Promise<PartitionMetadata[]> {
    let partitions = this.partitions.get(topic);
    if (!partitions) {
      const metadata = await this.admin!.fetchTopicMetadata({ topics: [topic] });
      partitions = metadata.topics[0]!.partitions;
      this.partitions.set(topic, partitions);
    }
    return partitions;
  }

  protected async markPublished(ids: readonly string[]): Promise<void> {
    await this.client!.query('UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::bigint[])', [ids]);
  }

  /** Waits for a NOTIFY, the poll interval, or stop. */
  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => (this.wake = undefined));
  }

  private async disconnect(): Promise<void> {
    this.active = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }
}

/** A lost PostgreSQL session (not a Kafka error: those leave the lock and the connection as they are). */
export function isDatabaseConnectionError(error: unknown): boolean {
  if (error instanceof Error && error.name.startsWith('KafkaJS')) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(08|57P0)/.test(code)) return true;
  return /Connection terminated|connection.*closed|ECONNREFUSED|ECONNRESET/i.test(String(error));
}
