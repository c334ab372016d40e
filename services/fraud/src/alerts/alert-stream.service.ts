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
  /** Bytes written but not yet taken by the client. */
  readonly backlog: number;
  /** Ends the stream; the client reconnects with its Last-Event-ID. */
  close(): void;
  /** Cuts the connection (a client too far behind): what it had not read is dropped with it. */
  destroy(): void;
}

/** One open stream: who reads it, up to where, and until when. */
export interface StreamReader {
  readonly actor: Actor;
  /** The stream id the client saw last (its Last-Event-ID), or none: from now on. */
  readonly lastEventId: bigint | undefined;
  /** When the reader's token expires: the stream ends then, and the client comes back with a fresh one. */
  readonly until: number;
}

interface Subscriber {
  readonly reader: StreamReader;
  sink: StreamSink | undefined;
  cursor: bigint;
  pumping: boolean;
  again: boolean;
}

// an alert is a few hundred bytes: a client a megabyte behind has stopped reading
const MAX_BACKLOG_BYTES = 1024 * 1024;
const PAGE = 100;

/**
 * The live alert streams. Each stream keeps its own cursor (the last stream id it sent) and reads what is after it
 * — on every NOTIFY of a new alert, on every heartbeat, and after the LISTEN connection comes back — so a stream
 * misses nothing even when a notification is lost, and a reconnecting client resumes from its Last-Event-ID.
 */
@Injectable()
export class AlertStream implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AlertStream.name);
  private readonly subscribers = new Set<Subscriber>();
  private readonly listener: NotificationListener;
  private heartbeat: NodeJS.Timeout | undefined;
  private closing = false;

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
        this.logger.warn(
          `the alert streams lost their LISTEN connection; they catch up on heartbeats: ${error.message}`,
        ),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    this.heartbeat = setInterval(() => this.beat(), this.config.FRAUD_STREAM_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Ends every stream before the HTTP server closes, and refuses new ones: the server waits for none of them. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const subscriber of this.subscribers) subscriber.sink?.close();
    this.subscribers.clear();
    await this.listener.stop();
  }

  /**
   * Takes a place for a new stream, or refuses (429) past the limits — at once, before anything is awaited, so
   * streams opened together cannot all slip under a limit. Returns the function that gives the place back.
   */
  reserve(reader: StreamReader): { start: (sink: StreamSink) => Promise<void>; release: () => void } {
    const mine = [...this.subscribers].filter((s) => s.reader.actor.userId === reader.actor.userId).length;
    if (this.closing) {
      throw DomainError.throttled('Stopping', 'This instance is shutting down; reconnect shortly.', 3, 'stopping');
    }
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
    const subscriber: Subscriber = { reader, sink: undefined, cursor: 0n, pumping: false, again: false };
    this.subscribers.add(subscriber);
    return {
      start: (sink) => this.start(subscriber, sink),
      release: () => void this.subscribers.delete(subscriber),
    };
  }

  private async start(subscriber: Subscriber, sink: StreamSink): Promise<void> {
    const head = await this.alerts.lastSeq();
    // an id past the head (a database restored from a backup) would wait for alerts that may never come
    const { lastEventId } = subscriber.reader;
    subscriber.cursor = lastEventId === undefined || lastEventId > head ? head : lastEventId;
    subscriber.sink = sink;
    // shut down (or the client gone) while the head was read: end it here, nothing else would
    if (!this.subscribers.has(subscriber)) return sink.close();
    await this.pump(subscriber);
  }

  private beat(): void {
    const now = Date.now();
    for (const subscriber of this.subscribers) {
      if (!subscriber.sink) continue;
      if (now >= subscriber.reader.until) {
        this.subscribers.delete(subscriber);
        subscriber.sink.close();
      } else {
        subscriber.sink.heartbeat();
      }
    }
    this.pumpAll();
  }

  private pumpAll(): void {
    for (const subscriber of this.subscribers) void this.pump(subscriber);
  }

  /** Sends everything after the subscriber's cursor; one read at a time per stream, again if asked meanwhile. */
  private async pump(subscriber: Subscriber): Promise<void> {
    if (!subscriber.sink) return;
    if (subscriber.pumping) return void (subscriber.again = true);
    subscriber.pumping = true;
    try {
      do {
        subscriber.again = false;
        const { actor } = subscriber.reader;
        const rows = await this.alerts.after(
          subscriber.cursor,
          actor.role === 'analyst' ? undefined : actor.userId,
          PAGE,
        );
        const views = await this.views.views(rows);
        if (!this.subscribers.has(subscriber)) return;
        for (const [index, view] of views.entries()) {
          subscriber.sink.send(view.streamId, view);
          subscriber.cursor = rows[index]!.seq;
        }
        if (subscriber.sink.backlog > MAX_BACKLOG_BYTES) {
          this.logger.warn(`cut an alert stream of ${actor.userId}: ${subscriber.sink.backlog} bytes unread`);
          this.subscribers.delete(subscriber);
          subscriber.sink.destroy();
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
