import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

export interface ThrottleKey {
  readonly key: string;
  readonly limit: number;
}

/**
 * Login attempts per key in a fixed window, in the database so every instance sees the same count. An attempt
 * is counted before its password is checked, atomically, so concurrent guesses cannot all slip under the limit.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Counts one attempt on every key; returns the seconds to wait when any key is over its limit. */
  async countAttempt(keys: readonly ThrottleKey[], windowSeconds: number): Promise<number | undefined> {
    let retryAfter: number | undefined;
    for (const { key, limit } of keys) {
      // a window that has run out starts again at one attempt
      const [row] = await this.prisma.$queryRaw<{ failures: number; seconds_left: number }[]>`
        INSERT INTO login_throttle (key, window_start, failures) VALUES (${key}, now(), 1)
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN login_throttle.window_start < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE login_throttle.failures + 1 END,
          window_start = CASE WHEN login_throttle.window_start < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE login_throttle.window_start END
        RETURNING failures, ceil(extract(epoch FROM window_start + make_interval(secs => ${windowSeconds}) - now()))::int AS seconds_left`;
      if (row && row.failures > limit) retryAfter = Math.max(retryAfter ?? 1, row.seconds_left);
    }
    return retryAfter;
  }

  /** A successful login: the account starts afresh, and the attempt no longer counts against the address. */
  async forgive(accountKey: string, addressKey: string): Promise<void> {
    await this.prisma.loginThrottle.deleteMany({ where: { key: accountKey } });
    await this.prisma
      .$executeRaw`UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ${addressKey}`;
  }
}
