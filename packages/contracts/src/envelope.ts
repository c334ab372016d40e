import { z } from 'zod';

/** Every service that publishes events. */
export const SOURCES = ['user', 'account', 'card', 'fraud', 'reporting', 'audit'] as const;
export type Source = (typeof SOURCES)[number];

/** The envelope every message carries; `payload` is checked against the schema of `type` + `version`. */
export const envelopeSchema = z.strictObject({
  eventId: z.uuid(),
  type: z.string().regex(/^[A-Z][A-Za-z]+$/),
  version: z.int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.enum(SOURCES),
  // also the Kafka message key, so one aggregate's events stay in one partition, in order
  aggregateId: z.string().min(1).max(200),
  // the request or event chain this event belongs to
  correlationId: z.string().min(1).max(200),
  // the event that caused this one; null when a person's request did
  causationId: z.uuid().nullable(),
  payload: z.unknown(),
});

export interface EventEnvelope<TType extends string = string, TVersion extends number = number, TPayload = unknown> {
  readonly eventId: string;
  readonly type: TType;
  readonly version: TVersion;
  readonly occurredAt: string;
  readonly source: Source;
  readonly aggregateId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly payload: TPayload;
}
