import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { backoffMs, pause } from '@microbank/messaging';
import { AlertFeed } from '../alerts/alert-feed.service';
import { InjectDashboardConfig } from '../dashboard-config.token';
import type { DashboardConfig } from '../config';
import { EventFeed } from '../events/event-feed.service';
import { feedEventOf } from '../events/feed-event';
import { DashboardTopics } from './dashboard-topics';
import { InjectKafka } from './kafka-client';

/**
 * Reads every topic of the bank for the browsers: the event feed and the fraud alerts. It is a spectator, not a
 * service: a consumer group of this instance alone (so two dashboards each see everything), which starts a little
 * before the end of each partition and is deleted when the dashboard stops.
 */
@Injectable()
export class TopicTap implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TopicTap.name);
  private readonly groupId: string;
  private readonly stopping = new AbortController();
  private consumer: Consumer | undefined;
  private running: Promise<void> | undefined;
  // the next offset per `topic/partition` this tap has not yet shown: a restart goes on from there, so browsers
  // get no event twice
  private readonly next = new Map<string, string>();

  constructor(
    @InjectDashboardConfig() private readonly config: DashboardConfig,
    @InjectKafka() private readonly kafka: Kafka,
    private readonly topics: DashboardTopics,
    private readonly events: EventFeed,
    private readonly alerts: AlertFeed,
  ) {
    this.groupId = `${config.KAFKA_TOPIC_PREFIX}dashboard.${randomUUID().slice(0, 8)}`;
  }

  /** Starts in the background: the page (and the cluster view) must come up while a broker is down. */
  onModuleInit(): void {
    this.running = this.keepStarting();
  }

  /** Starts the consumer, again and again with backoff until it runs (or the dashboard stops). */
  private async keepStarting(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await this.start();
        return;
      } catch (error) {
        this.logger.warn(`the topic tap could not start (attempt ${attempt}): ${(error as Error).message}`);
        await this.consumer?.disconnect().catch(() => undefined);
        this.consumer = undefined;
        await pause(backoffMs(attempt, 500, 10_000), this.stopping.signal);
      }
    }
  }

  private async start(): Promise<void> {
    const { topics, starts } = await this.startPositions();
    for (const [place, offset] of this.next) starts.set(place, offset);
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      // KafkaJS restarts after a retriable crash on a timer of its own: not once the dashboard stops
      retry: { restartOnFailure: () => Promise.resolve(!this.stopping.signal.aborted) },
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      // a fetch waits for new records at most this long: well inside the client's short request timeout
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.warn(`the topic tap crashed: ${payload.error.message}`);
      // KafkaJS restarts it after a retriable error; after any other, it is started again here
      if (!payload.restart && !this.stopping.signal.aborted) {
        this.running = consumer.disconnect().then(
          () => this.keepStarting(),
          () => this.keepStarting(),
        );
      }
    });
    // each partition starts a little before its end, once: after a rebalance it goes on from its commit
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
        for (const partition of partitions) {
          const place = `${topic}/${partition}`;
          const offset = starts.get(place);
          if (offset === undefined) continue;
          starts.delete(place);
          consumer.seek({ topic, partition, offset });
        }
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.next.set(`${topic}/${partition}`, String(BigInt(message.offset) + 1n));
        const contract = this.topics.contractOf(topic);
        if (!contract) return;
        const event = feedEventOf(contract, { topic, partition, ...message });
        this.events.publish(event);
        if (contract === this.topics.alerts) this.alerts.take(event);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.running;
    await this.consumer?.disconnect();
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([this.groupId]);
    } catch (error) {
      // a group without members and never committed to expires on its own
      this.logger.warn(`could not delete the tap's group ${this.groupId}: ${(error as Error).message}`);
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Where each partition starts (`topic/partition` → offset): the last DASHBOARD_RECENT_ALERTS alerts, and about
   * DASHBOARD_RECENT_EVENTS records of the other topics, so a browser sees the recent past at once rather than the
   * whole log. Returns the real names of the topics that exist.
   */
  private async startPositions(): Promise<{ topics: string[]; starts: Map<string, string> }> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const topics = this.topics.contract
        .map((topic) => this.topics.real(topic))
        .filter((topic) => existing.has(topic));
      const starts = new Map<string, string>();
      for (const topic of topics) {
        const offsets = await admin.fetchTopicOffsets(topic);
        const kept =
          this.topics.contractOf(topic) === this.topics.alerts
            ? this.config.DASHBOARD_RECENT_ALERTS
            : Math.ceil(this.config.DASHBOARD_RECENT_EVENTS / offsets.length);
        for (const { partition, low, high } of offsets) {
          starts.set(`${topic}/${partition}`, String(Math.max(Number(low), Number(high) - kept)));
        }
      }
      return { topics, starts };
    } finally {
      await admin.disconnect();
    }
  }
}
