import { Controller, Get, Headers, Logger, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, CurrentUser, Problems, TokenInQuery, type AuthUser } from '@microbank/http';
import { AlertStream } from './alert-stream.service';
import { SseSink } from './sse-sink';

@ApiTags('alerts')
@Controller('v1/alerts/stream')
export class AlertStreamController {
  private readonly logger = new Logger(AlertStreamController.name);

  constructor(private readonly stream: AlertStream) {}

  /**
   * New alerts as Server-Sent Events (`event: alert`, `id:` its stream id), with a heartbeat comment line every
   * 15 s. A client that reconnects with `Last-Event-ID` gets every alert after that one first. The stream ends when
   * the token expires: the client reconnects with a fresh one and its Last-Event-ID.
   */
  @Get()
  @TokenInQuery()
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this alert (its streamId)' })
  @ApiOkResponse({
    description: 'An endless text/event-stream of alerts (analysts: all; customers: their own)',
    content: {
      'text/event-stream': {
        schema: { type: 'string', example: 'id: 42\nevent: alert\ndata: {"id":"…","rule":"velocity",…}\n\n' },
      },
    },
  })
  @ApiProblems(422, 429)
  async open(
    @CurrentUser() user: AuthUser,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resumeAfter = lastEventId?.trim() || undefined;
    if (resumeAfter !== undefined && !/^\d{1,18}$/.test(resumeAfter)) {
      throw Problems.invalidRequest([
        { field: 'Last-Event-ID', rule: 'stream-id', message: 'the streamId of an alert' },
      ]);
    }
    const place = this.stream.reserve({
      actor: user,
      lastEventId: resumeAfter === undefined ? undefined : BigInt(resumeAfter),
      until: user.tokenExpiresAtMs,
    });
    // from here on, whenever the connection closes, the place is given back
    reply.raw.once('close', place.release);
    if (request.raw.socket.destroyed) return place.release();
    const sink = new SseSink(reply.raw, headersOf(reply));
    reply.hijack();
    sink.start();
    try {
      await place.start(sink);
    } catch (error) {
      // the answer has begun: no problem+json can follow; the client reconnects with its Last-Event-ID
      this.logger.warn(`an alert stream could not start: ${(error as Error).message}`);
      place.release();
      sink.close();
    }
  }
}

// what the hooks already set on the reply (the correlation id), which a hijacked reply would not send
function headersOf(reply: FastifyReply): Record<string, string> {
  return Object.fromEntries(
    Object.entries(reply.getHeaders()).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
  );
}
