/** Kafka refuses this record itself (not the cluster being unwell): retrying it as it is will not help. */
export class RecordRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordRejectedError';
  }
}

// broker answers about the record or its topic, never about the cluster's health
const REJECTIONS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
  'POLICY_VIOLATION',
  'INVALID_TIMESTAMP',
]);

/** True when Kafka rejected the record (or its topic is missing); false for outages, timeouts and missing acks. */
export function isRecordRejection(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof RecordRejectedError) return true;
    const type = (cause as { type?: unknown }).type;
    if (typeof type === 'string' && REJECTIONS.has(type)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
