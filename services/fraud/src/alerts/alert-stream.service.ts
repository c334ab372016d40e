import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { NotificationListener } from '@microbank/database';
import { DomainError, type Actor } from '@microbank/domain';
import { InjectConfig } from '@microbank/service-kit';
import type { FraudConfig } from '../config';
import type { AlertView } from './alert-view';
import { ALERT_CHANNEL, AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

/** Where one open stream writes: the controller's SSE framing over the HTTP response. */
export interface StreamSink {
  send(id: string, alert: AlertView): void;
  heartbeat(): void;
  /** Bytes written but not yet taken by the client: a client this far behind is dropped (it reconnects and resumes). */
  readonly backlog: number;
  close(): void;
}

interface Subscriber {
  readonly actor: Actor;
  readonly sink: StreamSink;
  cursor: bigint;
  pumping: boolean;
  again: boolean;
}

// an alert is a few hundred bytes: a client a megabyte behind has stopped reading
const MAX_BACKLOG_BYTES = 1024 * 1024;
const PAGE = 100;

/**
 * The live alert streams. Each stream keeps its own cursor (the last stream position it sent) and pulls what is
 * after it — on every NOTIFY of a new alert, on every heartbeat, and after the listener reconnects — so a stream
 * misses nothing even when a notification is lost, and a reconnecting client resumes from its Last-Event-ID.
 */
@Injectable()
export class AlertStream implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AlertStream.name);
  private readonly subscribers = new Set<Subscriber>();
  private readonly listener: NotificationListener;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    @InjectConfig() private readonly config: FraudConfig,
    private readonly alerts: AlertsRepository,
    private readonly views: AlertsService,
  ) {
    this.listener = new NotificationListener({
      connectionString: config.DATABASE_URL,
      channel: ALERT_CHANNEL,
      applicationName: 'fraud-alert-stream',
      onNotification: () => this.pumpAll(),
      onListening: () => this.pumpAll(),
      onLost: (error) =>
        this.logger.warn(`alert stream lost its LISTEN connection, streams catch up on heartbeats: ${error.message}`),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    this.heartbeat = setInterval(() => this.beat(), this.config.FRAUD_STREAM_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const subscriber of this.subscribers) subscriber.sink.close();
    this.subscribers.clear();
    await this.listener.stop();
  }

  get open(): number {
    return this.subscribers.size;
  }

  /**
   * Opens a stream for `actor` from just after `lastEventId`, or from now. Refused (429) past the limits, before
   * anything is written. Returns the function that closes it.
   */
  async subscribe(actor: Actor, lastEventId: bigint | undefined, sink: StreamSink): Promise<() => void> {
    const mine = [...this.subscribers].filter((s) => s.actor.userId === actor.userId).length;
    if (this.subscribers.size >= this.config.FRAUD_MAX_STREAMS || mine >= this.config.FRAUD_MAX_STREAMS_PER_USER) {
      throw DomainError.throttled(
        'Too many alert streams',
        mine >= this.config.FRAUD_MAX_STREAMS_PER_USER
          ? `You already have ${mine} alert streams open; close one first.`
          : 'The alert stream is at capacity; try again shortly.',
        5,
        'too-many-streams',
      );
    }
    const cursor = lastEventId ?? (await this.alerts.lastSeq());
    const subscriber: Subscriber = { actor, sink, cursor, pumping: false, again: false };
    this.subscribers.add(subscriber);
    void this.pump(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private beat(): void {
    for (const subscriber of this.subscribers) subscriber.sink.heartbeat();
    this.pumpAll();
  }

  private pumpAll(): void {
    for (const subscriber of this.subscribers) void this.pump(subscriber);
  }

  /** Sends everything after the subscriber's cursor; one pull at a time per stream, again if asked meanwhile. */
  private async pump(subscriber: Subscriber): Promise<void> {
    if (subscriber.pumping) return void (subscriber.again = true);
    subscriber.pumping = true;
    try {
      do {
        subscriber.again = false;
        const userId = subscriber.actor.role === 'analyst' ? undefined : subscriber.actor.userId;
        const rows = await this.alerts.after(subscriber.cursor, userId, PAGE);
        if (!this.subscribers.has(subscriber)) return;
        for (const [index, view] of (await this.views.views(rows)).entries()) {
          subscriber.sink.send(view.streamId, view);
          subscriber.cursor = rows[index]!.seq;
        }
        if (subscriber.sink.backlog > MAX_BACKLOG_BYTES) {
          this.logger.warn(
            `dropped an alert stream of ${subscriber.actor.userId}: ${subscriber.sink.backlog} bytes unread`,
          );
          this.subscribers.delete(subscriber);
          subscriber.sink.close();
          return;
        }
        if (rows.length === PAGE) subscriber.again = true;
      } while (subscriber.again);
    } catch (error) {
      // the next notification or heartbeat tries again from the same cursor
      this.logger.warn(`an alert stream could not read new alerts: ${(error as Error).message}`);
    } finally {
      subscriber.pumping = false;
    }
  }
}
