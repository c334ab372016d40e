import { Injectable } from '@nestjs/common';
import { SqlClient, type SqlTransaction } from '@microbank/database';
import type { $Enums } from '../generated/prisma/client';
import { IdempotencyClaimLostError } from './idempotency-claim-lost.error';

/** A key as stored: its request, and once completed, the response that request got. */
export interface StoredKey {
  readonly requestHash: string;
  readonly state: $Enums.IdempotencyState;
  readonly responseStatus: number | null;
  readonly responseBody: unknown;
  readonly updatedAt: Date;
}

// on SqlClient rather than Prisma: every money movement runs claim and complete (docs/profiling-money-movements.md)
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly sql: SqlClient) {}

  /**
   * Records the key as in flight and returns the claim (the database time it was written), or undefined when
   * the user already used the key. The claim fences completion: see `complete`.
   */
  async claim(userId: string, key: string, requestHash: string): Promise<Date | undefined> {
    const rows = await this.sql.$queryRaw<{ claimed_at: Date }[]>`
      INSERT INTO idempotency_key (user_id, key, request_hash, state, created_at, updated_at)
      VALUES (${userId}::uuid, ${key}, ${requestHash}, 'in_flight', now(), now())
      ON CONFLICT (user_id, key) DO NOTHING
      RETURNING updated_at AS claimed_at`;
    return rows[0]?.claimed_at;
  }

  /**
   * Takes over a key whose request died in flight long ago (by the database's clock, so instances with
   * skewed clocks agree), returning the new claim.
   */
  async reclaimAbandoned(
    userId: string,
    key: string,
    requestHash: string,
    abandonedAfterMs: number,
  ): Promise<Date | undefined> {
    const rows = await this.sql.$queryRaw<{ claimed_at: Date }[]>`
      UPDATE idempotency_key SET updated_at = now()
      WHERE user_id = ${userId}::uuid AND key = ${key} AND request_hash = ${requestHash} AND state = 'in_flight'
        AND updated_at < now() - make_interval(secs => ${abandonedAfterMs / 1000})
      RETURNING updated_at AS claimed_at`;
    return rows[0]?.claimed_at;
  }

  async find(userId: string, key: string): Promise<StoredKey | null> {
    const rows = await this.sql.$queryRaw<StoredKey[]>`
      SELECT request_hash AS "requestHash", state, response_status AS "responseStatus",
             response_body AS "responseBody", updated_at AS "updatedAt"
        FROM idempotency_key WHERE user_id = ${userId}::uuid AND key = ${key}`;
    return rows[0] ?? null;
  }

  /** Stores the response in the transaction that moved the money: both commit or neither does. */
  async complete(
    tx: SqlTransaction,
    userId: string,
    key: string,
    claimedAt: Date,
    response: { status: number; body: object },
  ): Promise<void> {
    // only the holder of the current claim completes: a request that stalled past the takeover rolls back
    const count = await tx.$executeRaw`
      UPDATE idempotency_key
         SET state = 'completed', response_status = ${response.status}, response_body = ${JSON.stringify(response.body)}::jsonb
       WHERE user_id = ${userId}::uuid AND key = ${key} AND state = 'in_flight' AND updated_at = ${claimedAt}`;
    if (count !== 1) throw new IdempotencyClaimLostError(key);
  }

  /** Frees a key whose request failed, so the client may retry with it (unless another request took it over). */
  async release(userId: string, key: string, claimedAt: Date): Promise<void> {
    await this.sql.$executeRaw`
      DELETE FROM idempotency_key
       WHERE user_id = ${userId}::uuid AND key = ${key} AND state = 'in_flight' AND updated_at = ${claimedAt}`;
  }
}
