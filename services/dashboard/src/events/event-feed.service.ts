import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { DashboardConfig } from '../config';
import { InjectDashboardConfig } from '../dashboard-config.token';
import { LiveFeed } from '../streams/live-feed';
import { RingBuffer } from '../streams/ring-buffer';
import type { FeedEvent } from './feed-event';

// enough to name the evidence of the alerts a dashboard shows; an event is kept by its id until pushed out
const EVIDENCE_KEPT = 20_000;

/** Every record the tap reads, to the browsers' event feeds; recent events are kept by id as alert evidence. */
@Injectable()
export class EventFeed implements OnModuleDestroy {
  readonly feed: LiveFeed<FeedEvent>;
  private readonly byEventId = new Map<string, FeedEvent>();
  private readonly evidence = new RingBuffer<FeedEvent>(EVIDENCE_KEPT);

  constructor(@InjectDashboardConfig() config: DashboardConfig) {
    this.feed = new LiveFeed('event', {
      capacity: config.DASHBOARD_RECENT_EVENTS,
      maxStreams: config.DASHBOARD_MAX_STREAMS,
      heartbeatMs: config.DASHBOARD_HEARTBEAT_MS,
    });
  }

  publish(event: FeedEvent): void {
    if (event.eventId) {
      const dropped = this.evidence.push(event);
      if (dropped?.eventId && this.byEventId.get(dropped.eventId) === dropped) this.byEventId.delete(dropped.eventId);
      this.byEventId.set(event.eventId, event);
    }
    this.feed.publish(event);
  }

  /** A recent event by its id, as an alert's evidence names it. */
  find(eventId: string): FeedEvent | undefined {
    return this.byEventId.get(eventId);
  }

  onModuleDestroy(): void {
    this.feed.close();
  }
}
