import { EVENT_CATALOG, deadLetterTopicOf, type EventEnvelope } from '@microbank/contracts';

/**
 * Maps contract topics to the real ones. The prefix is empty in the services; test runs set one so they
 * publish and consume on topics of their own, never in the business topics.
 */
export class TopicNames {
  constructor(readonly prefix = '') {}

  of(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  deadLetterOf(topic: string): string {
    // topic is already the real (prefixed) name
    return deadLetterTopicOf(topic);
  }

  forEvent(event: Pick<EventEnvelope, 'type' | 'version'>): string {
    const definition = EVENT_CATALOG.find((d) => d.type === event.type && d.version === event.version);
    if (!definition) throw new Error(`${event.type} v${event.version} is not in the event catalog`);
    return this.of(definition.topic);
  }
}
