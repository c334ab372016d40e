import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

export interface ThrottleKey {
  readonly key: string;
  readonly limit: number;
}

/** Failed logins per key in a fixed window, in the database so every instance sees the same count. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Seconds until the first blocked key's window ends, or undefined when none is over its limit. */
  async retryAfter(keys: readonly ThrottleKey[], windowSeconds: number): Promise<number | undefined> {
    const rows = await this.prisma.loginThrottle.findMany({
      where: { key: { in: keys.map((k) => k.key) }, windowStart: { gt: new Date(Date.now() - windowSeconds * 1000) } },
    });
    const blocked = rows.filter((row) => row.failures >= (keys.find((k) => k.key === row.key)?.limit ?? Infinity));
    if (blocked.length === 0) return undefined;
    const endsAt = Math.min(...blocked.map((row) => row.windowStart.getTime() + windowSeconds * 1000));
    return Math.max(1, Math.ceil((endsAt - Date.now()) / 1000));
  }

  async recordFailure(keys: readonly ThrottleKey[], windowSeconds: number): Promise<void> {
    for (const { key } of keys) {
      // a window that has run out starts again at one failure
      await this.prisma.$executeRaw`
        INSERT INTO login_throttle (key, window_start, failures) VALUES (${key}, now(), 1)
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN login_throttle.window_start < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE login_throttle.failures + 1 END,
          window_start = CASE WHEN login_throttle.window_start < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE login_throttle.window_start END`;
    }
  }

  async clear(key: string): Promise<void> {
    await this.prisma.loginThrottle.deleteMany({ where: { key } });
  }
}
