import { OUTBOX_CHANNEL } from './outbox-writer';

/** Runs one SQL statement with positional parameters and returns its rows (a pg client or Prisma's $queryRawUnsafe). */
export type RawQuery = <T>(text: string, values: readonly unknown[]) => Promise<T[]>;

export interface OutboxStatus {
  /** Committed rows not yet in Kafka (parked ones not counted). */
  readonly pending: number;
  readonly parked: number;
  /** How long the oldest pending row has waited: the relay's lag. */
  readonly lagMs: number;
}

export interface ParkedRow {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly topic: string;
  readonly key: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly parkedAt: Date;
  /** Later rows of the same aggregate that wait behind this one. */
  readonly waitingBehind: number;
}

/** What operators and `/health/ready` see of a service's outbox: lag, and the rows parked after rejections. */
export class OutboxInspector {
  constructor(private readonly query: RawQuery) {}

  async status(): Promise<OutboxStatus> {
    const [row] = await this.query<{ pending: number; parked: number; lag_ms: number | null }>(
      `SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS pending,
              count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked,
              (extract(epoch FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL)) * 1000)::float8 AS lag_ms
         FROM outbox_event WHERE published_at IS NULL`,
      [],
    );
    return { pending: row?.pending ?? 0, parked: row?.parked ?? 0, lagMs: Math.round(row?.lag_ms ?? 0) };
  }

  async parked(): Promise<ParkedRow[]> {
    const rows = await this.query<{
      id: string;
      event_id: string;
      event_type: string;
      topic: string;
      message_key: string;
      attempts: number;
      last_error: string | null;
      created_at: Date;
      parked_at: Date;
      waiting_behind: number;
    }>(
      `SELECT p.id::text, p.event_id::text, p.event_type, p.topic, p.message_key, p.attempts, p.last_error,
              p.created_at, p.parked_at,
              (SELECT count(*)::int FROM outbox_event w
                WHERE w.published_at IS NULL AND w.parked_at IS NULL AND w.message_key = p.message_key) AS waiting_behind
         FROM outbox_event p
        WHERE p.published_at IS NULL AND p.parked_at IS NOT NULL
        ORDER BY p.id`,
      [],
    );
    return rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      topic: r.topic,
      key: r.message_key,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at),
      parkedAt: new Date(r.parked_at),
      waitingBehind: r.waiting_behind,
    }));
  }

  /** Hands parked rows (all, or these ids) back to the relay with a fresh count of attempts; returns how many. */
  async retry(ids?: readonly string[]): Promise<number> {
    const rows = await this.query<{ id: string }>(
      `UPDATE outbox_event SET parked_at = NULL, attempts = 0
        WHERE published_at IS NULL AND parked_at IS NOT NULL AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))
        RETURNING id::text`,
      [ids ?? null],
    );
    // the relay sleeps between polls: wake it
    await this.query(`SELECT 1 AS woken FROM pg_notify('${OUTBOX_CHANNEL}', '')`, []);
    return rows.length;
  }
}

/** A `/health/ready` check that shows the relay's lag and the parked rows (it never fails on them: a restart would not help). */
export function outboxHealthCheck(prisma: {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}): () => Promise<OutboxStatus> {
  const inspector = new OutboxInspector(async <T>(text: string, values: readonly unknown[]) =>
    prisma.$queryRawUnsafe<T[]>(text, ...values),
  );
  return () => inspector.status();
}

/** A RawQuery over a node-postgres client or pool. */
export function pgRawQuery(pg: { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> }): RawQuery {
  return async <T>(text: string, values: readonly unknown[]) => (await pg.query(text, [...values])).rows as T[];
}
