import { PermanentEventError } from '@microbank/contracts';

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

// connection loss, server shutdown, serialization failure and deadlock: worth retrying as they are
const TRANSIENT_PG_CODES = /^(08\d{3}|57P0[1-3]|53\d{3}|40001|40P01|55P03)$/;
// Prisma: can't reach / timed out / closed connection / pool timeout / transaction write conflict or deadlock
const TRANSIENT_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2034']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** Permanent failures are dead-lettered at once; transient ones are retried until they pass; unknown ones a few times. */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof PermanentEventError || error instanceof EventRejectedError) return 'permanent';
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (TRANSIENT_PG_CODES.test(code) || TRANSIENT_PRISMA_CODES.has(code) || TRANSIENT_NODE_CODES.has(code)) {
        return 'transient';
      }
    }
    if ((cause as { retriable?: unknown }).retriable === true) return 'transient'; // KafkaJS
    if (
      /connection (terminated|closed|refused)|Connection terminated|timeout exceeded when trying to connect/i.test(
        String((cause as Error).message),
      )
    ) {
      return 'transient';
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return 'unknown';
}
