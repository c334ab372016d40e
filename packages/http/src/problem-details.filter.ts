import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '@microbank/database';
import { DomainError, type DomainErrorKind } from '@microbank/domain';
import { correlationIdOrUndefined, type JsonLogger } from '@microbank/logging';
import { PROBLEM_TITLES, PROBLEM_TYPE_BASE, type ProblemBody } from './problem-body';
import { ProblemException, slugOf } from './problem.exception';
import { withoutQueryToken } from './auth/token-in-query.decorator';

/** The one place a business refusal gets an HTTP status. */
const STATUS_OF: Readonly<Record<DomainErrorKind, number>> = {
  'not-found': 404,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  rejected: 422,
  throttled: 429,
};

/** Turns anything thrown into an RFC 9457 problem; an unexpected error is logged and answered without details. */
export function toProblem(error: unknown, instance: string | undefined, logger: JsonLogger): ProblemBody {
  const base = { instance, correlationId: correlationIdOrUndefined() };
  if (error instanceof ProblemException) {
    return {
      type: PROBLEM_TYPE_BASE + error.slug,
      title: error.title,
      status: error.getStatus(),
      ...(error.detail ? { detail: error.detail } : {}),
      ...base,
      ...(error.extras.errors ? { errors: error.extras.errors } : {}),
    };
  }
  if (error instanceof DomainError) {
    return {
      type: PROBLEM_TYPE_BASE + error.details.type,
      title: error.title,
      status: STATUS_OF[error.kind],
      detail: error.detail,
      ...base,
      ...(error.details.errors ? { errors: error.details.errors } : {}),
    };
  }
  if (isDatabaseUnavailable(error)) {
    // nothing was done that a retry would repeat (a money movement's key is freed): say so, and when to come back
    logger.event('warn', 'database unavailable', { error: error instanceof Error ? error.message : String(error) });
    return {
      type: PROBLEM_TYPE_BASE + 'service-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'The service cannot reach its database just now; retry shortly (with the same Idempotency-Key).',
      ...base,
    };
  }
  const status = statusOf(error);
  if (status !== undefined && status < 500) {
    const title = PROBLEM_TITLES[status] ?? 'Bad request';
    return { type: PROBLEM_TYPE_BASE + slugOf(title), title, status, detail: clientDetail(error, status), ...base };
  }
  logger.event('error', 'unhandled error', { error: error instanceof Error ? error.stack : String(error) });
  return {
    type: PROBLEM_TYPE_BASE + 'internal-error',
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side; quote the correlation id when you report it.',
    ...base,
  };
}

export function sendProblem(reply: FastifyReply, problem: ProblemBody): void {
  if (problem.status === 503) void reply.header('retry-after', '1');
  void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown })?.statusCode; // Fastify's own errors (body parsing, limits)
  return typeof status === 'number' ? status : undefined;
}

function clientDetail(error: unknown, status: number): string {
  const code = (error as { code?: string }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'The request body is larger than this service accepts (64 KiB).';
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'Send the body as application/json.';
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The body is empty but the content type says JSON.';
  if (status === 400 && error instanceof SyntaxError) return 'The body is not valid JSON.';
  if (status === 404) return 'There is no such resource.';
  return error instanceof Error ? error.message : 'The request could not be processed.';
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const retryAfter =
      error instanceof ProblemException
        ? error.extras.retryAfterSeconds
        : error instanceof DomainError
          ? error.details.retryAfterSeconds
          : undefined;
    if (retryAfter !== undefined) void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    sendProblem(reply, toProblem(error, withoutQueryToken(request.url), this.logger));
  }
}
