import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EventEnvelope, Source } from './envelope';
import type { AUDIT_CHECKPOINTS_TOPIC, TopicName } from './topics';

/** One event type at one version: its topic, its payload schema and an example for the catalog. */
export interface EventDefinition<TType extends string = string, TVersion extends number = number, TPayload = unknown> {
  readonly type: TType;
  readonly version: TVersion;
  /** A business topic; or the audit checkpoints, which no service consumes as business events. */
  readonly topic: TopicName | typeof AUDIT_CHECKPOINTS_TOPIC;
  readonly description: string;
  /** What the Kafka key (the envelope's aggregateId) identifies. */
  readonly key: string;
  readonly payload: z.ZodType<TPayload>;
  readonly example: TPayload;
}

export type EventOf<D> = D extends EventDefinition<infer T, infer V, infer P> ? EventEnvelope<T, V, P> : never;
export type PayloadOf<D> = D extends EventDefinition<string, number, infer P> ? P : never;

// the payload type comes from the schema alone: an example must fit it, not widen it (e.g. a currency to string)
export function defineEvent<TType extends string, TVersion extends number, TPayload>(
  definition: Omit<EventDefinition<TType, TVersion, TPayload>, 'example'> & { readonly example: NoInfer<TPayload> },
): EventDefinition<TType, TVersion, TPayload> {
  return definition;
}

/** The request or event a change belongs to; a service passes it on to every event the change publishes. */
export interface Origin {
  readonly correlationId: string;
  /** The event that caused the change; null when a request did. */
  readonly causationId: string | null;
}

/** Where an event comes from: the service, and the request or event that caused it. */
export interface EventOrigin {
  readonly source: Source;
  readonly correlationId: string;
  readonly causationId?: string | null;
}

/** Builds a valid envelope; the payload is checked here so a producer cannot publish what consumers would reject. */
export function createEvent<TType extends string, TVersion extends number, TPayload>(
  definition: EventDefinition<TType, TVersion, TPayload>,
  aggregateId: string,
  payload: TPayload,
  origin: EventOrigin,
): EventEnvelope<TType, TVersion, TPayload> {
  return {
    eventId: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    source: origin.source,
    aggregateId,
    correlationId: origin.correlationId,
    causationId: origin.causationId ?? null,
    payload: definition.payload.parse(payload),
  };
}

/** The origin of a change made while handling `event`: same correlation, caused by it. */
export function originOf(event: EventEnvelope): Origin {
  return { correlationId: event.correlationId, causationId: event.eventId };
}

/** The origin of events caused by handling `event`: same correlation, caused by it. */
export function causedBy(event: EventEnvelope, source: Source): EventOrigin {
  return { source, ...originOf(event) };
}
