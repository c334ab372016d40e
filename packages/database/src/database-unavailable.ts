// the server cannot be reached, is shutting down or out of connections: nothing about the request itself
const UNAVAILABLE_PG_CODES = /^(08\d{3}|57P0[1-3]|53\d{3})$/;
// Prisma: can't reach / timed out / closed connection / pool timeout
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE =
  /connection (terminated|closed|refused)|timeout exceeded when trying to connect|not queryable|Can't reach database server|terminating connection/i;

/** True when PostgreSQL could not be used at all (down, restarting, unreachable): the same request may succeed later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    // a raw query's failure (Prisma P2010) carries the driver's code and message in `meta`
    const { code, message, meta } = cause as {
      code?: unknown;
      message?: unknown;
      meta?: { code?: unknown; message?: unknown };
    };
    for (const value of [code, meta?.code]) {
      if (typeof value !== 'string') continue;
      if (
        UNAVAILABLE_PG_CODES.test(value) ||
        UNAVAILABLE_PRISMA_CODES.has(value) ||
        UNAVAILABLE_NODE_CODES.has(value)
      ) {
        return true;
      }
    }
    if (UNAVAILABLE_MESSAGE.test(`${String(message)} ${String(meta?.message)}`)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
