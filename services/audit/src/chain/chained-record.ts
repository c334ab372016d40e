import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * One audit record as the chain hashes it: every stored column but the hash, in values that survive a round trip
 * through PostgreSQL (bigints as decimal strings, times as ISO strings with milliseconds, JSON as parsed values).
 */
export interface ChainedRecord {
  readonly sequence: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly kafkaTimestamp: string | null;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly eventVersion: number | null;
  readonly source: string | null;
  readonly aggregateId: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly occurredAt: string | null;
  readonly payload: unknown;
  readonly rawValue: string | null;
  readonly recordedAt: string;
}

/** The hash before the first record. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

const FIELDS: readonly (keyof ChainedRecord)[] = [
  'sequence',
  'topic',
  'partition',
  'offset',
  'kafkaTimestamp',
  'key',
  'headers',
  'eventId',
  'eventType',
  'eventVersion',
  'source',
  'aggregateId',
  'correlationId',
  'causationId',
  'occurredAt',
  'payload',
  'rawValue',
  'recordedAt',
];

/** The bytes a record contributes to the chain: canonical JSON of exactly the hashed fields (no others sneak in). */
export function canonicalBytes(record: ChainedRecord): Buffer {
  const fields: Record<string, unknown> = {};
  for (const field of FIELDS) fields[field] = record[field] ?? null;
  return Buffer.from(canonicalJson(fields), 'utf8');
}

/** SHA-256(previous hash ‖ canonical bytes of the record). */
export function chainHash(previous: Buffer, record: ChainedRecord): Buffer {
  return createHash('sha256').update(previous).update(canonicalBytes(record)).digest();
}
