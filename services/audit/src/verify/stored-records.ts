import type { Client } from 'pg';
import type { StoredRecord } from './chain-walk';

interface Row {
  sequence: string;
  topic: string;
  partition: number;
  offset: string;
  kafka_timestamp: Date | null;
  key: string | null;
  headers: StoredRecord['headers'];
  event_id: string | null;
  event_type: string | null;
  event_version: number | null;
  source: string | null;
  aggregate_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  occurred_at: Date | null;
  payload: unknown;
  raw_value: string | null;
  recorded_at: Date;
  hash: Buffer;
}

/** Up to `limit` records after `afterSequence`, in chain order, as the service hashed them on append. */
export async function readStoredRecords(client: Client, afterSequence: string, limit: number): Promise<StoredRecord[]> {
  const { rows } = await client.query<Row>(
    `SELECT sequence::text, topic, partition, "offset"::text, kafka_timestamp, key, headers, event_id, event_type,
            event_version, source, aggregate_id, correlation_id, causation_id, occurred_at, payload, raw_value,
            recorded_at, hash
       FROM audit_record WHERE sequence > $1::bigint ORDER BY audit_record.sequence LIMIT $2`,
    [afterSequence, limit],
  );
  return rows.map(toStoredRecord);
}

// as the service hashed it on append: times as ISO strings with milliseconds, JSON as parsed values
function toStoredRecord(row: Row): StoredRecord {
  return {
    sequence: row.sequence,
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    kafkaTimestamp: row.kafka_timestamp?.toISOString() ?? null,
    key: row.key,
    headers: row.headers,
    eventId: row.event_id,
    eventType: row.event_type,
    eventVersion: row.event_version,
    source: row.source,
    aggregateId: row.aggregate_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    occurredAt: row.occurred_at?.toISOString() ?? null,
    payload: row.payload,
    rawValue: row.raw_value,
    recordedAt: row.recorded_at.toISOString(),
    hash: row.hash,
  };
}
