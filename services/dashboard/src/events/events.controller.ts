import { Controller, Get, Headers, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, ApiZodQuery, CurrentUser, TokenInQuery, ZodValidationPipe, type AuthUser } from '@microbank/http';
import { AnalystOnlyGuard } from '../auth/analyst-only.guard';
import { openStream } from '../streams/open-stream';
import { eventFilterQuerySchema, type EventFilterQuery } from './dto/event-filter.query';
import { matchesFilter } from './event-filter';
import { EventFeed } from './event-feed.service';

@ApiTags('events')
@UseGuards(AnalystOnlyGuard)
@Controller('api/events/stream')
export class EventsController {
  constructor(private readonly events: EventFeed) {}

  /**
   * Every record on the bank's topics as Server-Sent Events (`event: event`, `id: topic/partition/offset`), the
   * recent ones first, filtered by topic, event type and a search over ids and keys.
   */
  @Get()
  @TokenInQuery()
  @ApiZodQuery(eventFilterQuerySchema)
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event' })
  @ApiOkResponse({ description: 'An endless text/event-stream of events', content: { 'text/event-stream': {} } })
  @ApiProblems(403, 422, 429)
  open(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(eventFilterQuerySchema)) query: EventFilterQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    const filter = { topics: query.topic, type: query.type, text: query.q };
    openStream(this.events.feed, { user, lastEventId, accepts: (e) => matchesFilter(e, filter), request, reply });
  }
}
