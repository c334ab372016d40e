import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, type AuthUser } from '@microbank/http';
import type { FeedItem, LiveFeed } from './live-feed';
import { SseChannel } from './sse-channel';

/**
 * Answers a request with a stream of `feed`: what the browser missed first (after its Last-Event-ID), then every
 * new item it `accepts`, until its token expires (it reconnects with a fresh one). 429 when the feed is full.
 */
export function openStream<T extends FeedItem>(
  feed: LiveFeed<T>,
  options: {
    readonly user: AuthUser;
    readonly lastEventId: string | undefined;
    readonly accepts: (item: T) => boolean;
    readonly request: FastifyRequest;
    readonly reply: FastifyReply;
  },
): void {
  const { request, reply } = options;
  if (!feed.hasRoom) {
    throw new ProblemException(429, 'Too many streams', 'The dashboard is at capacity; try again shortly.', {
      type: 'too-many-streams',
      retryAfterSeconds: 5,
    });
  }
  if (request.raw.socket.destroyed) return;
  const channel = new SseChannel(reply.raw, headersOf(reply));
  reply.hijack();
  const subscription = feed.subscribe(channel, {
    lastEventId: options.lastEventId?.trim() || undefined,
    accepts: options.accepts,
    until: options.user.tokenExpiresAtMs,
  });
  reply.raw.once('close', () => subscription.close());
}

// what the hooks already set on the reply (the correlation id), which a hijacked reply would not send
function headersOf(reply: FastifyReply): Record<string, string> {
  return Object.fromEntries(
    Object.entries(reply.getHeaders()).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
  );
}
