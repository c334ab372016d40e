import type { IHeaders } from 'kafkajs';

/** Headers on every published event, so tools can route and trace without parsing the body. */
export const EventHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
  eventVersion: 'event-version',
  correlationId: 'correlation-id',
  contentType: 'content-type',
} as const;

/** Headers a dead letter carries about where it came from and why it failed. */
export const DeadLetterHeaders = {
  originalTopic: 'dlt-original-topic',
  originalPartition: 'dlt-original-partition',
  originalOffset: 'dlt-original-offset',
  consumerGroup: 'dlt-consumer-group',
  reason: 'dlt-reason',
  error: 'dlt-error',
  attempts: 'dlt-attempts',
  failedAt: 'dlt-failed-at',
} as const;

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
