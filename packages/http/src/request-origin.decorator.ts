import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Origin } from '@microbank/contracts';
import { CORRELATION_HEADER } from './correlation';

/**
 * The origin of what a request asks for, taken at the edge and passed to services as an argument: the
 * request's correlation id (the one echoed in its response); a request is caused by no event.
 */
export const RequestOrigin = createParamDecorator((_data: unknown, context: ExecutionContext): Origin => {
  const correlationId = context.switchToHttp().getResponse<FastifyReply>().getHeader(CORRELATION_HEADER);
  // createHttpApp's onRequest hook sets it on every reply; without it the events would carry no chain at all
  if (typeof correlationId !== 'string') throw new Error('no correlation id on this request (see createHttpApp)');
  return { correlationId, causationId: null };
});
