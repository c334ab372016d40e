import { envelopeSchema } from '@microbank/contracts';

/** One Kafka record as the browser shows it: where it sits, and its envelope when it has one. */
export interface FeedEvent {
  /** `topic/partition/offset`: stable across restarts, so a browser can resume after it. */
  readonly id: string;
  /** The contract topic (without a test run's prefix). */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** The envelope's type, or null for a record that is not an event envelope (the feed shows it all the same). */
  readonly type: string | null;
  readonly version: number | null;
  readonly eventId: string | null;
  readonly source: string | null;
  readonly aggregateId: string | null;
  readonly correlationId: string | null;
  readonly occurredAt: string | null;
  readonly payload: unknown;
}

export interface KafkaRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

/** Reads a record of `topic` (its contract name); a value that is not an envelope keeps its text as the payload. */
export function feedEventOf(topic: string, record: KafkaRecord): FeedEvent {
  const text = record.value?.toString('utf8') ?? null;
  const place = {
    id: `${topic}/${record.partition}/${record.offset}`,
    topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key?.toString('utf8') ?? null,
  };
  const envelope = envelopeSchema.safeParse(parseJson(text));
  if (!envelope.success) {
    return {
      ...place,
      type: null,
      version: null,
      eventId: null,
      source: null,
      aggregateId: null,
      correlationId: null,
      occurredAt: null,
      payload: text,
    };
  }
  const { type, version, eventId, source, aggregateId, correlationId, occurredAt, payload } = envelope.data;
  return { ...place, type, version, eventId, source, aggregateId, correlationId, occurredAt, payload };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
