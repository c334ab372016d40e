import { PermanentEventError } from '@microbank/contracts';
import { isDatabaseUnavailable } from '@microbank/database';
import { DomainError } from '@microbank/domain';

/**
 * A handler's domain rejection: the event is valid but can never be applied (e.g. a payment for an account
 * that does not exist). It goes to the dead-letter topic at once instead of being retried.
 */
export class EventRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventRejectedError';
  }
}

export type FailureKind = 'permanent' | 'transient' | 'unknown';

// serialization failure, deadlock, lock not available: worth retrying as they are
const TRANSIENT_PG_CODES = /^(40001|40P01|55P03)$/;
// Prisma: transaction write conflict or deadlock
const TRANSIENT_PRISMA_CODES = new Set(['P2028', 'P2034']);

/** Permanent failures are dead-lettered at once; transient ones are retried until they pass; unknown ones a few times. */
export function classifyFailure(error: unknown): FailureKind {
  // a business rule said no (a DomainError from a service the handler called): retrying cannot change that
  if (error instanceof PermanentEventError || error instanceof EventRejectedError || error instanceof DomainError) {
    return 'permanent';
  }
  if (isDatabaseUnavailable(error)) return 'transient';
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_PG_CODES.test(code) || TRANSIENT_PRISMA_CODES.has(code))) {
      return 'transient';
    }
    if ((cause as { retriable?: unknown }).retriable === true) return 'transient'; // KafkaJS
    cause = (cause as { cause?: unknown }).cause;
  }
  return 'unknown';
}
