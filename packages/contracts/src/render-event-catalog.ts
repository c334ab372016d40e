import { z } from 'zod';
import { EVENT_CATALOG } from './event-catalog';
import type { EventEnvelope } from './envelope';
import { AUDIT_CHECKPOINTS_TOPIC, TOPIC_SPECS, Topics, deadLetterTopicOf } from './topics';

/** The human-readable event catalog (EVENTS.md), rendered from the schemas so it cannot drift from them. */
export function renderEventCatalog(): string {
  const out: string[] = [
    '# Microbank event catalog',
    '',
    '<!-- Generated from packages/contracts/src by `pnpm --filter @microbank/contracts catalog`. Do not edit. -->',
    '',
    'Every Kafka message is a JSON **envelope** whose `payload` matches the schema of its `type` and `version`.',
    'The message key is the envelope `aggregateId`, so all events of one aggregate land in one partition, in order.',
    'Amounts are integer minor units as strings (`"1050"` EUR is €10.50), never floats.',
    '',
    '## Envelope',
    '',
    '| field | meaning |',
    '| --- | --- |',
    '| `eventId` | UUID; consumers deduplicate on it |',
    '| `type`, `version` | which schema the payload follows |',
    '| `occurredAt` | ISO 8601 time the fact happened |',
    '| `source` | the publishing service |',
    '| `aggregateId` | the entity the event is about; also the Kafka key |',
    '| `correlationId` | the request or chain of events this belongs to, carried from HTTP through every event |',
    '| `causationId` | the `eventId` of the event whose handling caused this one; `null` for a request |',
    '| `payload` | the event itself |',
    '',
    '## Versioning rule',
    '',
    '- A version is immutable once published. Any change a v1 consumer could reject — a new required field, a',
    '  removed or renamed field, a narrowed type — is a new version, added to the catalog beside the old one.',
    '- Producers publish one version; consumers list every version they accept.',
    '- A consumer that receives a type it handles at a version it does not know, a type no catalog knows, or a',
    "  payload that fails its schema treats the message as a **permanent error**: it goes to the topic's",
    '  dead-letter topic with the reason, and the consumer moves on. It is never retried in a loop.',
    '- Event types a consumer does not handle, on a topic it reads, are acknowledged and skipped.',
    '',
    '## Topics',
    '',
    '| topic | partitions | dead-letter topic | events |',
    '| --- | --- | --- | --- |',
  ];
  for (const topic of Object.values(Topics)) {
    const spec = TOPIC_SPECS.find((s) => s.name === topic)!;
    const events = links(topic);
    out.push(`| \`${topic}\` | ${spec.partitions} | \`${deadLetterTopicOf(topic)}\` | ${events.join(', ')} |`);
  }
  // not a business topic: no service consumes it as events, so nothing is dead-lettered from it
  const checkpoints = TOPIC_SPECS.find((s) => s.name === AUDIT_CHECKPOINTS_TOPIC)!;
  out.push(
    `| \`${AUDIT_CHECKPOINTS_TOPIC}\` | ${checkpoints.partitions} | none | ${links(AUDIT_CHECKPOINTS_TOPIC).join(', ')} |`,
  );
  for (const definition of EVENT_CATALOG) {
    const example: EventEnvelope = {
      eventId: '00000000-0000-4000-8000-000000000001',
      type: definition.type,
      version: definition.version,
      occurredAt: '2026-05-01T09:30:00.000Z',
      source: sourceOf(definition.topic),
      aggregateId: String((definition.example as Record<string, unknown>)[definition.key]),
      correlationId: 'b7e3c1d2-0a9f-4e8d-b6c5-a4f3e2d1c0b9',
      causationId: null,
      payload: definition.example,
    };
    out.push(
      '',
      `## ${definition.type} v${definition.version}`,
      '',
      definition.description,
      '',
      `- Topic: \`${definition.topic}\``,
      `- Key: \`${definition.key}\``,
      '',
      '### Payload schema',
      '',
      '```json',
      JSON.stringify(z.toJSONSchema(definition.payload, { io: 'input' }), null, 2),
      '```',
      '',
      '### Example',
      '',
      '```json',
      JSON.stringify(example, null, 2),
      '```',
    );
  }
  return `${out.join('\n')}\n`;
}

function links(topic: string): string[] {
  return EVENT_CATALOG.filter((d) => d.topic === topic).map(
    (d) => `[${d.type} v${d.version}](#${anchor(d.type, d.version)})`,
  );
}

function anchor(type: string, version: number): string {
  return `${type.toLowerCase()}-v${version}`;
}

function sourceOf(topic: string): EventEnvelope['source'] {
  switch (topic) {
    case Topics.signups:
      return 'user';
    case Topics.cards:
      return 'card';
    case Topics.alerts:
      return 'fraud';
    case AUDIT_CHECKPOINTS_TOPIC:
      return 'audit';
    default:
      return 'account';
  }
}
