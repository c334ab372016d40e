import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, CurrentUser, Problems, TokenInQuery, type AuthUser } from '@microbank/http';
import { AlertStream } from './alert-stream.service';
import { SseSink } from './sse-sink';

@ApiTags('alerts')
@Controller('v1/alerts/stream')
export class AlertStreamController {
  constructor(private readonly stream: AlertStream) {}

  /**
   * New alerts as Server-Sent Events (`event: alert`, `id:` its stream position), with a heartbeat comment line
   * every 15 s. A client that reconnects with `Last-Event-ID` gets every alert after that one first.
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
    if (lastEventId !== undefined && !/^\d{1,18}$/.test(lastEventId)) {
      throw Problems.invalidRequest([
        { field: 'Last-Event-ID', rule: 'stream-id', message: 'the streamId of an alert' },
      ]);
    }
    const sink = new SseSink(reply.raw, headersOf(reply));
    const close = await this.stream.subscribe(user, lastEventId === undefined ? undefined : BigInt(lastEventId), sink);
    reply.hijack();
    sink.start();
    request.raw.on('close', close);
  }
}

// what the hooks already set on the reply (the correlation id), which a hijacked reply would not send
function headersOf(reply: FastifyReply): Record<string, string> {
  return Object.fromEntries(
    Object.entries(reply.getHeaders()).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
  );
}
