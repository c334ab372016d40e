import { RingBuffer } from './ring-buffer';
import type { SseChannel } from './sse-channel';

export interface FeedItem {
  readonly id: string;
}

interface Subscriber<T> {
  readonly channel: SseChannel;
  readonly accepts: (item: T) => boolean;
  /** When the reader's token expires: the stream ends then, and the browser comes back with a fresh one. */
  readonly until: number;
}

export interface Subscription {
  /** Gives the place back; safe to call more than once. */
  close(): void;
}

// an event is a few hundred bytes: a browser a megabyte behind has stopped reading
const MAX_BACKLOG_BYTES = 1024 * 1024;

/**
 * The recent items of one kind, and the browsers that follow them. A browser that opens (or reopens) a stream is
 * sent what it missed first — everything after its Last-Event-ID while that is still kept, else everything kept —
 * then each new item as it comes.
 */
export class LiveFeed<T extends FeedItem> {
  private readonly recent: RingBuffer<T>;
  private readonly subscribers = new Set<Subscriber<T>>();
  private readonly beat: NodeJS.Timeout;
  private closed = false;
  private readonly maxStreams: number;

  constructor(
    readonly event: string,
    options: { readonly capacity: number; readonly maxStreams: number; readonly heartbeatMs: number },
  ) {
    this.recent = new RingBuffer(options.capacity);
    this.maxStreams = options.maxStreams;
    this.beat = setInterval(() => this.heartbeat(), options.heartbeatMs);
    this.beat.unref();
  }

  get streams(): number {
    return this.subscribers.size;
  }

  get hasRoom(): boolean {
    return !this.closed && this.subscribers.size < this.maxStreams;
  }

  items(): T[] {
    return this.recent.toArray();
  }

  publish(item: T): void {
    this.recent.push(item);
    for (const subscriber of this.subscribers) if (subscriber.accepts(item)) this.write(subscriber, item);
  }

  subscribe(
    channel: SseChannel,
    options: { lastEventId?: string | undefined; accepts: (item: T) => boolean; until: number },
  ): Subscription {
    const subscriber: Subscriber<T> = { channel, accepts: options.accepts, until: options.until };
    const missed =
      (options.lastEventId === undefined ? undefined : this.recent.after((item) => item.id === options.lastEventId)) ??
      this.recent.toArray();
    channel.start();
    this.subscribers.add(subscriber);
    for (const item of missed) if (subscriber.accepts(item)) this.write(subscriber, item);
    // what follows is live: a client (or a test) can tell the recent past from the present
    channel.comment('caught up');
    return { close: () => void this.subscribers.delete(subscriber) };
  }

  /** A comment line on every stream, so proxies keep them open; ends those whose token has expired. */
  heartbeat(now = Date.now()): void {
    for (const subscriber of this.subscribers) {
      if (now >= subscriber.until) {
        this.subscribers.delete(subscriber);
        subscriber.channel.close();
      } else {
        subscriber.channel.heartbeat();
      }
    }
  }

  /** Ends every stream and refuses new ones: the HTTP server waits for none of them when it closes. */
  close(): void {
    this.closed = true;
    clearInterval(this.beat);
    for (const subscriber of this.subscribers) subscriber.channel.close();
    this.subscribers.clear();
  }

  private write(subscriber: Subscriber<T>, item: T): void {
    // an expired token ends the stream at its next event, not only at the next heartbeat
    if (Date.now() >= subscriber.until) {
      this.subscribers.delete(subscriber);
      subscriber.channel.close();
      return;
    }
    subscriber.channel.send(item.id, this.event, item);
    if (subscriber.channel.backlog > MAX_BACKLOG_BYTES) {
      this.subscribers.delete(subscriber);
      subscriber.channel.destroy();
    }
  }
}
