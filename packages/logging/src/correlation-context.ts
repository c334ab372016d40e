import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ correlationId: string }>();

/** Runs `work` with log lines stamped with this correlation id (the HTTP edge does it per request). */
export function runWithCorrelationId<T>(correlationId: string, work: () => T): T {
  return storage.run({ correlationId }, work);
}

/** The correlation id log lines are stamped with right now, if any; for logs and error bodies, not for events. */
export function correlationIdOrUndefined(): string | undefined {
  return storage.getStore()?.correlationId;
}
