import type { IHeaders, KafkaMessage } from 'kafkajs';
import { envelopeSchema, type EventEnvelope } from '@microbank/contracts';
import { canonicalJson } from '../chain/canonical-json';
import type { ChainedRecord } from '../chain/chained-record';

/** A Kafka record as the audit trail keeps it, before it gets its place (sequence) in the chain. */
export type IncomingRecord = Omit<ChainedRecord, 'sequence' | 'recordedAt'>;

const MAX_INT4 = 2_147_483_647;
// years 1–9999: what a four-digit ISO string writes, and what timestamptz and the pg driver give back unchanged
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text when the bytes are text PostgreSQL can store, else `base64:` and the bytes. */
export function printable(bytes: Buffer): string {
  if (!bytes.includes(0)) {
    try {
      return utf8.decode(bytes);
    } catch {
      // not UTF-8: kept as base64 below
    }
  }
  return `base64:${bytes.toString('base64')}`;
}

/**
 * Reads one record for the trail. A value that is an event envelope is split into its fields; anything else (a
 * tombstone, a broken or foreign message, a dead letter that was never JSON) is kept as it came: nothing is dropped.
 */
export function decodeRecord(topic: string, partition: number, message: KafkaMessage): IncomingRecord {
  const common = {
    topic,
    partition,
    offset: message.offset,
    kafkaTimestamp: isoTime(message.timestamp),
    key: message.key ? printable(message.key) : null,
    headers: headersOf(message.headers),
  };
  const envelope = envelopeOf(message.value);
  if (!envelope) {
    return {
      ...common,
      eventId: null,
      eventType: null,
      eventVersion: null,
      source: null,
      aggregateId: null,
      correlationId: null,
      causationId: null,
      occurredAt: null,
      payload: null,
      rawValue: message.value ? printable(message.value) : null,
    };
  }
  return {
    ...common,
    eventId: envelope.eventId,
    eventType: envelope.type,
    eventVersion: envelope.version,
    source: envelope.source,
    aggregateId: envelope.aggregateId,
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    // stored as timestamptz(3): milliseconds, the precision JavaScript dates have
    occurredAt: new Date(envelope.occurredAt).toISOString(),
    payload: envelope.payload ?? null,
    rawValue: null,
  };
}

function envelopeOf(value: Buffer | null) {
  if (!value) return undefined;
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = envelopeSchema.safeParse(json);
  return parsed.success && storable(parsed.data) ? parsed.data : undefined;
}

// PostgreSQL refuses NUL and lone surrogates in text and jsonb, a version past its int, and the chain cannot hash a
// number JSON cannot write back: such a message is kept whole as text rather than refused by the database forever
function storable(envelope: EventEnvelope): boolean {
  if (envelope.version > MAX_INT4 || inStorableYears(new Date(envelope.occurredAt)) === null) return false;
  try {
    return !/\\u(0000|d[89a-f][0-9a-f]{2})/i.test(canonicalJson(envelope));
  } catch {
    return false;
  }
}

function inStorableYears(time: Date): string | null {
  const ms = time.getTime();
  return Number.isNaN(ms) || ms < EARLIEST || ms > LATEST ? null : time.toISOString();
}

// the producer sets the timestamp: one outside the years a timestamptz round-trips is recorded as unknown, not
// refused forever (KafkaJS hands over any int64)
function isoTime(milliseconds: string): string | null {
  return inStorableYears(new Date(Number(milliseconds)));
}

function headersOf(headers: IHeaders | undefined): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    // KafkaJS decodes a header's name leniently: one with a NUL, which jsonb refuses, is kept as base64 like a value
    const storedName = name.includes('\u0000') ? printable(Buffer.from(name)) : name;
    result[storedName] = Array.isArray(value)
      ? value.map((v) => printable(Buffer.from(v)))
      : printable(Buffer.from(value));
  }
  return result;
}
