import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { DashboardConfig } from '../config';
import { InjectDashboardConfig } from '../dashboard-config.token';
import { EventFeed } from '../events/event-feed.service';
import type { FeedEvent } from '../events/feed-event';
import { LiveFeed } from '../streams/live-feed';
import { alertViewOf, type AlertView } from './alert-view';

/** The fraud alerts (raised and resolved) on banking.alerts, with their evidence, to every analyst's browser. */
@Injectable()
export class AlertFeed implements OnModuleDestroy {
  private readonly logger = new Logger(AlertFeed.name);
  readonly feed: LiveFeed<AlertView>;

  constructor(
    @InjectDashboardConfig() config: DashboardConfig,
    private readonly events: EventFeed,
  ) {
    this.feed = new LiveFeed('alert', {
      capacity: config.DASHBOARD_RECENT_ALERTS,
      maxStreams: config.DASHBOARD_MAX_STREAMS,
      heartbeatMs: config.DASHBOARD_HEARTBEAT_MS,
    });
  }

  take(event: FeedEvent): void {
    const alert = alertViewOf(event, (eventId) => this.events.find(eventId));
    if (alert) this.feed.publish(alert);
    else this.logger.warn(`skipped ${event.id} on the alerts topic: not a FraudAlertRaised/Resolved v1 it can read`);
  }

  onModuleDestroy(): void {
    this.feed.close();
  }
}
