import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { Prisma } from '../generated/prisma/client';

export interface ThrottleKey {
  readonly key: string;
  readonly limit: number;
}

interface CountRow {
  key: string;
  attempts: number;
  seconds_left: number;
}

/**
 * Attempts per key in a fixed window (logins, signups), in the database so every instance sees the same count.
 * An attempt is admitted and counted on all its keys at once, under row locks, so concurrent attempts cannot all
 * slip under a limit; a refused attempt counts nowhere, so retrying while refused never uses up a limit.
 */
@Injectable()
export class ThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Counts one attempt on every key when each is under its limit; otherwise counts nothing and returns the
   * seconds until the refusing keys' windows end.
   */
  async admit(keys: readonly ThrottleKey[], windowSeconds: number): Promise<number | undefined> {
    const limits = new Map(keys.map(({ key, limit }) => [key, limit]));
    const sorted = [...limits.keys()].sort();
    // a client hammering while refused is answered from a plain read, without taking locks
    const refused = retryAfter(await this.counts(this.prisma, sorted, windowSeconds, false), limits);
    if (refused !== undefined) return refused;
    return this.prisma.$transaction(async (tx) => {
      // rows are created and locked in key order, so attempts on the same keys queue instead of deadlocking
      const created = await tx.$queryRaw<{ key: string }[]>`
        INSERT INTO login_throttle (key, window_start, failures)
        SELECT key, now(), 0 FROM unnest(${sorted}::text[]) AS key ORDER BY key
        ON CONFLICT (key) DO NOTHING
        RETURNING key`;
      const wait = retryAfter(await this.counts(tx, sorted, windowSeconds, true), limits);
      if (wait !== undefined) {
        // a refused attempt leaves nothing behind, not even an empty row for a new key
        await tx.$executeRaw`DELETE FROM login_throttle WHERE key = ANY(${created.map((row) => row.key)}::text[])`;
        return wait;
      }
      // a window that has run out starts again at this attempt
      await tx.$executeRaw`
        UPDATE login_throttle SET
          failures = CASE WHEN window_start > now() - make_interval(secs => ${windowSeconds}) THEN failures + 1 ELSE 1 END,
          window_start = CASE WHEN window_start > now() - make_interval(secs => ${windowSeconds}) THEN window_start ELSE now() END
        WHERE key = ANY(${sorted}::text[])`;
      return undefined;
    });
  }

  /** A successful login: the account starts afresh at this address, and the attempt no longer counts against it. */
  async forgive(accountKey: string, addressKey: string): Promise<void> {
    await this.prisma.loginThrottle.deleteMany({ where: { key: accountKey } });
    await this.prisma
      .$executeRaw`UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ${addressKey}`;
  }

  /** The attempts in each key's current window (none once it has run out). */
  private counts(
    db: PrismaService | Prisma.TransactionClient,
    keys: readonly string[],
    windowSeconds: number,
    lock: boolean,
  ): Promise<CountRow[]> {
    return db.$queryRaw<CountRow[]>`
      SELECT key,
        CASE WHEN window_start > now() - make_interval(secs => ${windowSeconds}) THEN failures ELSE 0 END AS attempts,
        ceil(extract(epoch FROM window_start + make_interval(secs => ${windowSeconds}) - now()))::int AS seconds_left
      FROM login_throttle WHERE key = ANY(${keys}::text[]) ORDER BY key ${lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  }
}

/** The seconds until every key at its limit has a free attempt again, or undefined when none is at its limit. */
function retryAfter(rows: readonly CountRow[], limits: ReadonlyMap<string, number>): number | undefined {
  const refusing = rows.filter((row) => row.attempts >= (limits.get(row.key) ?? 0));
  return refusing.length > 0 ? Math.max(1, ...refusing.map((row) => row.seconds_left)) : undefined;
}
