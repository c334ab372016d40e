import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { IdempotencyKey, Prisma } from '../generated/prisma/client';
import { IdempotencyClaimLostError } from './idempotency-claim-lost.error';

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Records the key as in flight and returns the claim (the database time it was written), or undefined when
   * the user already used the key. The claim fences completion: see `complete`.
   */
  async claim(userId: string, key: string, requestHash: string): Promise<Date | undefined> {
    const rows = await this.prisma.$queryRaw<{ claimed_at: Date }[]>`
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
    const rows = await this.prisma.$queryRaw<{ claimed_at: Date }[]>`
      UPDATE idempotency_key SET updated_at = now()
      WHERE user_id = ${userId}::uuid AND key = ${key} AND request_hash = ${requestHash} AND state = 'in_flight'
        AND updated_at < now() - make_interval(secs => ${abandonedAfterMs / 1000})
      RETURNING updated_at AS claimed_at`;
    return rows[0]?.claimed_at;
  }

  find(userId: string, key: string): Promise<IdempotencyKey | null> {
    return this.prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
  }

  /** Stores the response in the transaction that moved the money: both commit or neither does. */
  async complete(
    tx: Prisma.TransactionClient,
    userId: string,
    key: string,
    claimedAt: Date,
    response: { status: number; body: Prisma.InputJsonValue },
  ): Promise<void> {
    // only the holder of the current claim completes: a request that stalled past the takeover rolls back
    const { count } = await tx.idempotencyKey.updateMany({
      where: { userId, key, state: 'in_flight', updatedAt: claimedAt },
      data: { state: 'completed', responseStatus: response.status, responseBody: response.body },
    });
    if (count !== 1) throw new IdempotencyClaimLostError(key);
  }

  /** Frees a key whose request failed, so the client may retry with it (unless another request took it over). */
  async release(userId: string, key: string, claimedAt: Date): Promise<void> {
    await this.prisma.idempotencyKey.deleteMany({ where: { userId, key, state: 'in_flight', updatedAt: claimedAt } });
  }
}
