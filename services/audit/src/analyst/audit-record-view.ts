import { z } from 'zod';
import type { AuditRecord } from '../generated/prisma/client';

/** One record of the trail as analysts see it. */
export const auditRecordViewSchema = z.object({
  sequence: z.string().describe('its place in the hash chain'),
  topic: z.string(),
  partition: z.int(),
  offset: z.string(),
  key: z.string().nullable(),
  headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  eventId: z.string().nullable().describe('null when the value was not an event envelope (see rawValue)'),
  type: z.string().nullable(),
  version: z.int().nullable(),
  source: z.string().nullable(),
  aggregateId: z.string().nullable(),
  correlationId: z.string().nullable(),
  causationId: z.string().nullable(),
  occurredAt: z.iso.datetime().nullable(),
  payload: z.unknown(),
  rawValue: z.string().nullable().describe('a value that is not an envelope: its text, or `base64:` and its bytes'),
  kafkaTimestamp: z.iso.datetime().nullable(),
  recordedAt: z.iso.datetime().describe('when the audit service appended it'),
  hash: z.string().describe('SHA-256(previous hash ‖ canonical record), hex'),
});
export type AuditRecordView = z.infer<typeof auditRecordViewSchema>;

export function toAuditRecordView(record: AuditRecord): AuditRecordView {
  return {
    sequence: record.sequence.toString(),
    topic: record.topic,
    partition: record.partition,
    offset: record.offset.toString(),
    key: record.key,
    headers: record.headers as AuditRecordView['headers'],
    eventId: record.eventId,
    type: record.eventType,
    version: record.eventVersion,
    source: record.source,
    aggregateId: record.aggregateId,
    correlationId: record.correlationId,
    causationId: record.causationId,
    occurredAt: record.occurredAt?.toISOString() ?? null,
    payload: record.payload,
    rawValue: record.rawValue,
    kafkaTimestamp: record.kafkaTimestamp?.toISOString() ?? null,
    recordedAt: record.recordedAt.toISOString(),
    hash: Buffer.from(record.hash).toString('hex'),
  };
}
