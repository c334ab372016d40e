import { Controller, Get, Headers, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, CurrentUser, TokenInQuery, type AuthUser } from '@microbank/http';
import { AnalystOnlyGuard } from '../auth/analyst-only.guard';
import { openStream } from '../streams/open-stream';
import { AlertFeed } from './alert-feed.service';

@ApiTags('alerts')
@UseGuards(AnalystOnlyGuard)
@Controller('api/alerts/stream')
export class AlertsController {
  constructor(private readonly alerts: AlertFeed) {}

  /**
   * Fraud alerts as Server-Sent Events (`event: alert`, `id:` where the alert's event sits in Kafka): the recent ones
   * first — after `Last-Event-ID` while the dashboard still keeps it, else all it keeps — then each one raised or
   * resolved, with the evidence events the dashboard has seen. Ends when the token expires.
   */
  @Get()
  @TokenInQuery()
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this alert' })
  @ApiOkResponse({ description: 'An endless text/event-stream of alerts', content: { 'text/event-stream': {} } })
  @ApiProblems(403, 429)
  open(
    @CurrentUser() user: AuthUser,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    openStream(this.alerts.feed, { user, lastEventId, accepts: () => true, request, reply });
  }
}
