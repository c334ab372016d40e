import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { AcknowledgedProducer } from './acknowledged-producer';
import { backoffMs, pause } from './backoff';
import { EventHeaders } from './kafka-headers';
import { silentLogger, type MessagingLogger } from './messaging-logger';
import { isRecordRejection } from './record-rejection';
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
  /** A query on the relay's connection that takes longer than this means the connection is gone. */
  readonly queryTimeoutMs?: number;
  /** How often Kafka may reject a row (missing topic, record too large…) before it is parked. */
  readonly parkAfterAttempts?: number;
  readonly logger?: MessagingLogger;
}

/** A pending outbox row as the relay reads it. */
export interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  event_version: number;
  envelope: { correlationId?: string };
}

/**
 * Publishes committed outbox rows to Kafka in id order and marks them sent once Kafka proved it stored them.
 *
 * One relay per service is active at a time: it holds a session-level advisory lock on its own connection
 * (LISTEN needs a dedicated connection too, which Prisma's pool cannot give). When the holder dies, its
 * connection closes, the lock is released, and a standby takes over. A crash between publishing and
 * marking publishes those rows again; consumers drop the duplicates by event id.
 *
 * A row Kafka keeps rejecting is parked after `parkAfterAttempts` tries, with its reason: the rows of other
 * aggregates go on, later rows of the same aggregate wait behind it until `pnpm outbox retry` releases it.
 */
// long enough to gather a busy service's next commits into one batch, short beside a request's latency
const NOTIFIED_LINGER_MS = 10;

export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly standbyRetryMs: number;
  private readonly queryTimeoutMs: number;
  private readonly parkAfterAttempts: number;
  private readonly logger: MessagingLogger;
  private readonly stopping = new AbortController();
  private readonly producer: AcknowledgedProducer;
  private client: Client | undefined;
  private wake: (() => void) | undefined;
  // a NOTIFY that arrived while a batch was being published: the next batch starts at once instead of idling
  private notified = false;
  private running: Promise<void> | undefined;
  private active = false;
  // after a rejected batch, rows go one at a time until the one Kafka refuses is found (and parked)
  private isolating = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.standbyRetryMs = options.standbyRetryMs ?? 1_000;
    this.queryTimeoutMs = options.queryTimeoutMs ?? 30_000;
    this.parkAfterAttempts = options.parkAfterAttempts ?? 5;
    this.logger = options.logger ?? silentLogger;
    this.producer = new AcknowledgedProducer(options.kafka);
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
        const { fetched, limit } = await this.publishBatch();
        failures = 0;
        if (fetched < limit) await this.idle();
      } catch (error) {
        failures++;
        this.logger.warn('outbox relay failed; retrying', {
          error: (error as Error).message,
          failures,
          service: this.options.service,
        });
        // a broken or hung database connection also means the lock is gone: start over as a standby
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
        query_timeout: this.queryTimeoutMs,
        connectionTimeoutMillis: this.queryTimeoutMs,
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
      client.on('notification', () => {
        this.notified = true;
        this.wake?.();
      });
      this.client = client;
      await client.connect();
      // and the server side: drop the session (and the lock with it) once the client stops answering
      await client.query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3');
    }
    const { rows } = await this.client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [`microbank.outbox-relay.${this.options.service}`],
    );
    if (!rows[0]?.locked) return false;
    await this.client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    await this.producer.connect();
    this.active = true;
    this.logger.info('outbox relay is active', { service: this.options.service });
    return true;
  }

  /** Sends the oldest pending rows that nothing parked holds back. */
  private async publishBatch(): Promise<{ fetched: number; limit: number }> {
    const client = this.client!;
    const limit = this.isolating > 0 ? 1 : this.batchSize;
    this.notified = false; // whatever was notified before this SELECT, it sees
    // a parked row holds back the later rows of its aggregate (its key), so their order survives
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, event_id, topic, message_key, event_type, event_version, envelope
         FROM outbox_event
        WHERE published_at IS NULL AND parked_at IS NULL
          AND message_key NOT IN (SELECT message_key FROM outbox_event WHERE published_at IS NULL AND parked_at IS NOT NULL)
        ORDER BY id LIMIT $1`,
      [limit],
    );
    if (rows.length === 0) return { fetched: 0, limit };
    try {
      await this.publish(rows);
    } catch (error) {
      if (!isRecordRejection(error)) throw error; // an outage: every row waits, in order
      if (rows.length > 1) {
        this.isolating = rows.length;
        throw error;
      }
      await this.recordRejection(rows[0]!, error as Error);
      throw error;
    }
    await this.markPublished(rows.map((row) => row.id));
    if (this.isolating > 0) this.isolating--;
    return { fetched: rows.length, limit };
  }

  protected async publish(rows: readonly OutboxRow[]): Promise<void> {
    const stored = await this.producer.send(
      rows.map((row) => ({
        topic: row.topic,
        message: {
          key: row.message_key,
          value: JSON.stringify(row.envelope),
          headers: {
            [EventHeaders.eventId]: row.event_id,
            [EventHeaders.eventType]: row.event_type,
            [EventHeaders.eventVersion]: String(row.event_version),
            [EventHeaders.correlationId]: row.envelope.correlationId ?? '',
            [EventHeaders.contentType]: 'application/json',
          },
        },
      })),
    );
    for (const [i, row] of rows.entries()) {
      this.logger.info('published event', {
        eventId: row.event_id,
        eventType: row.event_type,
        correlationId: row.envelope.correlationId,
        topic: row.topic,
        partition: stored[i]!.partition,
        offset: stored[i]!.offset,
      });
    }
  }

  protected async markPublished(ids: readonly string[]): Promise<void> {
    await this.client!.query('UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::bigint[])', [ids]);
  }

  private async recordRejection(row: OutboxRow, error: Error): Promise<void> {
    const { rows } = await this.client!.query<{ attempts: number; parked: boolean }>(
      `UPDATE outbox_event
          SET attempts = attempts + 1, last_error = $2,
              parked_at = CASE WHEN attempts + 1 >= $3 THEN now() END
        WHERE id = $1
        RETURNING attempts, parked_at IS NOT NULL AS parked`,
      [row.id, error.message.slice(0, 2_000), this.parkAfterAttempts],
    );
    const fields = {
      eventId: row.event_id,
      eventType: row.event_type,
      topic: row.topic,
      key: row.message_key,
      attempts: rows[0]?.attempts,
      error: error.message,
      service: this.options.service,
    };
    if (rows[0]?.parked) {
      this.isolating = 0;
      this.logger.error('parked an outbox row Kafka keeps rejecting; `pnpm outbox retry` releases it', fields);
    } else {
      this.logger.warn('Kafka rejected an outbox row', fields);
    }
  }

  /**
   * Waits for a NOTIFY, the poll interval, or stop. A NOTIFY that came during the last batch is not waited for:
   * the relay lingers a few ms, so the rows committing meanwhile go out in one batch, and starts the next.
   */
  private idle(): Promise<void> {
    if (this.notified) return pause(NOTIFIED_LINGER_MS, this.stopping.signal);
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
    // with a query still on the wire (a hung connection), end() destroys the socket instead of waiting on it
    await client?.end().catch(() => undefined);
    await this.producer.disconnect();
  }
}

/** A lost or hung PostgreSQL session (not a Kafka error: those leave the lock and the connection as they are). */
export function isDatabaseConnectionError(error: unknown): boolean {
  if (error instanceof Error && error.name.startsWith('KafkaJS')) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(08|57P0)/.test(code)) return true;
  return /Connection terminated|connection.*closed|ECONNREFUSED|ECONNRESET|Query read timeout|timeout expired/i.test(
    String(error),
  );
}
