import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

/** Runs `next` with the caller's correlation id, or a new one when it is missing or not a plain token. */
export function runWithCorrelationId<T>(incoming: string | string[] | undefined, next: (id: string) => T): T {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  const correlationId = candidate && /^[\w.:-]{1,100}$/.test(candidate) ? candidate : randomUUID();
  return storage.run({ correlationId }, () => next(correlationId));
}

export function correlationIdOrUndefined(): string | undefined {
  return storage.getStore()?.correlationId;
}
