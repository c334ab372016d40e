import type { FeedEvent } from './feed-event';

/** What a browser asked the feed for; an empty filter lets everything through. */
export interface EventFilter {
  /** Contract topic names; none: every topic. */
  readonly topics: readonly string[];
  /** An event type, exactly (`TransactionPosted`); none: every type. */
  readonly type?: string | undefined;
  /** Part of an aggregate id, correlation id, event id or message key, in any case. */
  readonly text?: string | undefined;
}

export function matchesFilter(event: FeedEvent, filter: EventFilter): boolean {
  if (filter.topics.length > 0 && !filter.topics.includes(event.topic)) return false;
  if (filter.type && event.type !== filter.type) return false;
  const text = filter.text?.trim().toLowerCase();
  if (!text) return true;
  return [event.aggregateId, event.correlationId, event.eventId, event.key].some((field) =>
    field?.toLowerCase().includes(text),
  );
}
