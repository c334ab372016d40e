import { Injectable } from '@nestjs/common';
import { SqlClient, type SqlTransaction } from '@microbank/database';
import { DomainError } from '@microbank/domain';
import { IdempotencyClaimLostError } from './idempotency-claim-lost.error';
import { IdempotencyRepository } from './idempotency.repository';

export interface StoredResponse<T> {
  readonly status: number;
  readonly body: T;
}

// bursts queue for a connection and row locks: a movement waits up to maxWaitMs to start, then runs up to timeoutMs
// (a posting is four statements: 10 s is generous, and bounds how long a dead request holds its key)
export const MONEY_MOVEMENT_TRANSACTION = { maxWaitMs: 10_000, timeoutMs: 10_000 } as const;

// no money movement runs this long after its claim (margin: round trips, late timers); `complete` fences stragglers
export const ABANDONED_AFTER_MS = MONEY_MOVEMENT_TRANSACTION.maxWaitMs + MONEY_MOVEMENT_TRANSACTION.timeoutMs + 5_000;

/**
 * Runs a money movement at most once per (user, Idempotency-Key): the same key and body replay the first
 * response, another body is refused, and a retry while the first request runs gets 409.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly sql: SqlClient,
    private readonly keys: IdempotencyRepository,
  ) {}

  async execute<T extends object>(
    userId: string,
    key: string,
    requestHash: string,
    status: number,
    work: (tx: SqlTransaction) => Promise<T>,
  ): Promise<StoredResponse<T>> {
    const claim = await this.claimOrReplay<T>(userId, key, requestHash);
    if (!(claim instanceof Date)) return claim;
    try {
      return await this.sql.transaction(async (tx) => {
        const body = await work(tx);
        // views are plain JSON (money as strings), so they store as they are sent
        await this.keys.complete(tx, userId, key, claim, { status, body });
        return { status, body };
      }, MONEY_MOVEMENT_TRANSACTION);
    } catch (error) {
      // nothing moved: the key is free again, and a corrected retry may use it
      await this.release(userId, key, claim);
      if (error instanceof IdempotencyClaimLostError) {
        throw DomainError.conflict(
          'Request in progress',
          'A retry with this Idempotency-Key took over; nothing was done by this request.',
          'idempotency-key-in-flight',
        );
      }
      throw error;
    }
  }

  /**
   * Frees the key; if the database is unreachable right now (the likely reason the work failed), keeps trying in
   * the background, so the client's retry waits for the database to come back, not for the key to be abandoned.
   */
  private async release(userId: string, key: string, claim: Date): Promise<void> {
    try {
      await this.keys.release(userId, key, claim);
    } catch {
      void (async () => {
        for (let attempt = 1; Date.now() - claim.getTime() < ABANDONED_AFTER_MS; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)).unref());
          if (
            await this.keys.release(userId, key, claim).then(
              () => true,
              () => false,
            )
          )
            return;
        }
      })();
    }
  }

  private async claimOrReplay<T>(userId: string, key: string, requestHash: string): Promise<StoredResponse<T> | Date> {
    for (;;) {
      const claim = await this.keys.claim(userId, key, requestHash);
      if (claim) return claim;
      const existing = await this.keys.find(userId, key);
      if (!existing) continue; // released between our claim and read: claim again
      if (existing.requestHash !== requestHash) {
        throw DomainError.rejected(
          'Idempotency key reused',
          'This Idempotency-Key was already used for a different request.',
          'idempotency-key-mismatch',
          [
            {
              field: 'Idempotency-Key',
              rule: 'reused_with_different_request',
              message: 'was used for another request',
            },
          ],
        );
      }
      if (existing.state === 'completed') {
        return { status: existing.responseStatus!, body: existing.responseBody as T };
      }
      const takenOver = await this.keys.reclaimAbandoned(userId, key, requestHash, ABANDONED_AFTER_MS);
      if (takenOver) return takenOver;
      throw DomainError.conflict(
        'Request in progress',
        'A request with this Idempotency-Key is still being processed; retry when it has finished.',
        'idempotency-key-in-flight',
      );
    }
  }
}
