import { afterEach, describe, expect, it } from 'vitest';
import { LiveFeed } from './live-feed';
import type { SseChannel } from './sse-channel';

interface Item {
  readonly id: string;
  readonly kind: 'a' | 'b';
}

/** A channel that records what the feed wrote. */
function channel(backlog = 0) {
  const written: string[] = [];
  const state = { closed: false, destroyed: false, backlog };
  const fake = {
    get backlog() {
      return state.backlog;
    },
    start: () => undefined,
    send: (id: string, event: string) => void written.push(`${event}:${id}`),
    comment: (text: string) => void written.push(`: ${text}`),
    heartbeat: () => void written.push(': heartbeat'),
    close: () => void (state.closed = true),
    destroy: () => void (state.destroyed = true),
  };
  return { channel: fake as unknown as SseChannel, written, state };
}

const item = (id: string, kind: Item['kind'] = 'a'): Item => ({ id, kind });
const everything = () => true;
const HOUR_FROM_NOW = Date.now() + 3_600_000;

describe('LiveFeed', () => {
  let feed: LiveFeed<Item>;
  afterEach(() => feed.close());

  it('sends a new stream everything it keeps, says when it is live, then sends each new item', () => {
    feed = new LiveFeed('thing', { capacity: 2, maxStreams: 10, heartbeatMs: 60_000 });
    for (const id of ['1', '2', '3']) feed.publish(item(id));
    const reader = channel();
    feed.subscribe(reader.channel, { accepts: everything, until: HOUR_FROM_NOW });
    feed.publish(item('4'));
    expect(reader.written).toEqual(['thing:2', 'thing:3', ': caught up', 'thing:4']);
  });

  it('resumes after the Last-Event-ID while it is kept, and sends everything kept once it is not', () => {
    feed = new LiveFeed('thing', { capacity: 3, maxStreams: 10, heartbeatMs: 60_000 });
    for (const id of ['1', '2', '3']) feed.publish(item(id));
    const resumed = channel();
    feed.subscribe(resumed.channel, { lastEventId: '2', accepts: everything, until: HOUR_FROM_NOW });
    expect(resumed.written).toEqual(['thing:3', ': caught up']);

    const tooOld = channel();
    feed.subscribe(tooOld.channel, { lastEventId: '0', accepts: everything, until: HOUR_FROM_NOW });
    expect(tooOld.written).toEqual(['thing:1', 'thing:2', 'thing:3', ': caught up']);
  });

  it('sends each stream only what it accepts, in the past and live', () => {
    feed = new LiveFeed('thing', { capacity: 10, maxStreams: 10, heartbeatMs: 60_000 });
    feed.publish(item('1', 'a'));
    feed.publish(item('2', 'b'));
    const onlyB = channel();
    feed.subscribe(onlyB.channel, { accepts: (i) => i.kind === 'b', until: HOUR_FROM_NOW });
    feed.publish(item('3', 'a'));
    feed.publish(item('4', 'b'));
    expect(onlyB.written).toEqual(['thing:2', ': caught up', 'thing:4']);
  });

  it('ends a stream when its token expires, and keeps the others beating', () => {
    feed = new LiveFeed('thing', { capacity: 10, maxStreams: 10, heartbeatMs: 60_000 });
    const [expiring, lasting] = [channel(), channel()];
    feed.subscribe(expiring.channel, { accepts: everything, until: 1_000 });
    feed.subscribe(lasting.channel, { accepts: everything, until: 5_000 });
    feed.heartbeat(2_000);
    expect(expiring.state.closed).toBe(true);
    expect(lasting.state.closed).toBe(false);
    expect(lasting.written.at(-1)).toBe(': heartbeat');
    expect(feed.streams).toBe(1);
  });

  it('ends a stream whose token expired at its next item, before the next heartbeat', () => {
    feed = new LiveFeed('thing', { capacity: 10, maxStreams: 10, heartbeatMs: 60_000 });
    const expired = channel();
    feed.subscribe(expired.channel, { accepts: everything, until: Date.now() - 1 });
    feed.publish(item('1'));
    expect(expired.state.closed).toBe(true);
    expect(expired.written).toEqual([': caught up']);
    expect(feed.streams).toBe(0);
  });

  it('cuts a stream whose reader is a megabyte behind, and refuses streams past its limit', () => {
    feed = new LiveFeed('thing', { capacity: 10, maxStreams: 2, heartbeatMs: 60_000 });
    const [slow, quick] = [channel(2 * 1024 * 1024), channel()];
    feed.subscribe(slow.channel, { accepts: everything, until: HOUR_FROM_NOW });
    const subscription = feed.subscribe(quick.channel, { accepts: everything, until: HOUR_FROM_NOW });
    expect(feed.hasRoom).toBe(false);
    feed.publish(item('1'));
    expect(slow.state.destroyed).toBe(true);
    expect(feed.streams).toBe(1);
    subscription.close();
    expect(feed.streams).toBe(0);
    feed.close();
    expect(feed.hasRoom).toBe(false);
  });
});
