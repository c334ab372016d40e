import { randomUUID } from 'node:crypto';
import { runWithCorrelationId } from '@microbank/logging';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Runs `next` with the caller's correlation id, or a new one when it is missing or not a plain token. */
export function withRequestCorrelationId<T>(incoming: string | string[] | undefined, next: (id: string) => T): T {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  const correlationId = candidate && /^[\w.:-]{1,100}$/.test(candidate) ? candidate : randomUUID();
  return runWithCorrelationId(correlationId, () => next(correlationId));
}
