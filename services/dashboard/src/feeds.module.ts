import { Module } from '@nestjs/common';
import { AlertFeed } from './alerts/alert-feed.service';
import { AlertsController } from './alerts/alerts.controller';
import { EventFeed } from './events/event-feed.service';
import { EventsController } from './events/events.controller';
import { TopicTap } from './kafka/topic-tap.consumer';

/** The live streams: one tap on every topic feeds the event feed and the fraud alerts. */
@Module({ controllers: [AlertsController, EventsController], providers: [TopicTap, EventFeed, AlertFeed] })
export class FeedsModule {}
