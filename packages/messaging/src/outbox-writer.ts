import type { EventEnvelope } from '@microbank/contracts';
import type { SqlExecutor } from './sql-client';
import { TopicNames } from './topic-names';

export const OUTBOX_CHANNEL = 'microbank_outbox';

/** Records events in the caller's transaction; the relay publishes them only once that transaction commits. */
export class OutboxWriter {
  constructor(private readonly topics: TopicNames = new TopicNames()) {}

  async add(tx: SqlExecutor, event: EventEnvelope): Promise<void> {
    const topic = this.topics.forEvent(event);
    await tx.$executeRaw`
      INSERT INTO outbox_event (event_id, topic, message_key, event_type, event_version, envelope)
      VALUES (${event.eventId}::uuid, ${topic}, ${event.aggregateId}, ${event.type}, ${event.version}, ${JSON.stringify(event)}::jsonb)`;
    // delivered at commit and dropped on rollback, so the relay wakes exactly when there is something to send
    await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
  }
}
