import type { EventEnvelope } from '@microbank/contracts';
import type { SqlExecutor } from './sql-client';
import { TopicNames } from './topic-names';

export const OUTBOX_CHANNEL = 'microbank_outbox';

/** Records events in the caller's transaction; the relay publishes them only once that transaction commits. */
export class OutboxWriter {
  constructor(private readonly topics: TopicNames = new TopicNames()) {}

  /** Adds the events in one statement; the relay publishes them in this order. */
  async add(tx: SqlExecutor, ...events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    // the NOTIFY is delivered at commit and dropped on rollback, so the relay wakes exactly when there is something to send
    await tx.$executeRaw`
      WITH added AS (
        INSERT INTO outbox_event (event_id, topic, message_key, event_type, event_version, envelope)
        SELECT event_id, topic, message_key, event_type, event_version, envelope::jsonb
          FROM unnest(${events.map((e) => e.eventId)}::uuid[], ${events.map((e) => this.topics.forEvent(e))}::text[],
                      ${events.map((e) => e.aggregateId)}::text[], ${events.map((e) => e.type)}::text[],
                      ${events.map((e) => e.version)}::int[], ${events.map((e) => JSON.stringify(e))}::text[])
               WITH ORDINALITY AS event (event_id, topic, message_key, event_type, event_version, envelope, position)
         ORDER BY position)
      SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
  }
}
