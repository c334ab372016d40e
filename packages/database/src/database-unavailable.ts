import { SqlTimeoutError } from './sql-client';

// the server cannot be reached, is shutting down or out of connections: nothing about the request itself
const UNAVAILABLE_PG_CODES = /^(08\d{3}|57P0[1-3]|53\d{3})$/;
// Prisma: can't reach / timed out / closed connection / pool timeout / too many connections
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
// the kinds of error Prisma's driver adapters report
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'SocketTimeout',
  'ConnectionClosed',
  'TooManyConnections',
]);
const UNAVAILABLE_MESSAGE =
  /connection (terminated|closed|refused)|timeout exceeded when trying to connect|not queryable|Can't reach database server|terminating connection|shutting down/i;

interface ErrorLike {
  readonly code?: unknown;
  readonly originalCode?: unknown;
  readonly kind?: unknown;
  readonly message?: unknown;
  readonly originalMessage?: unknown;
  readonly cause?: unknown;
  readonly meta?: { readonly driverAdapterError?: unknown };
}

/** True when PostgreSQL could not be used at all (down, restarting, unreachable): the same request may succeed later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Prisma wraps a driver adapter's error (meta.driverAdapterError), whose cause holds PostgreSQL's own code
  const pending: unknown[] = [error];
  for (let seen = 0; pending.length > 0 && seen < 10; seen++) {
    const node = pending.shift() as ErrorLike | null | undefined;
    if (!node || typeof node !== 'object') continue;
    if (node instanceof SqlTimeoutError) return true;
    for (const code of [node.code, node.originalCode]) {
      if (typeof code !== 'string') continue;
      if (UNAVAILABLE_PG_CODES.test(code) || UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_NODE_CODES.has(code)) {
        return true;
      }
    }
    if (typeof node.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(node.kind)) return true;
    if (UNAVAILABLE_MESSAGE.test(`${String(node.message)} ${String(node.originalMessage)}`)) return true;
    pending.push(node.cause, node.meta?.driverAdapterError);
  }
  return false;
}
