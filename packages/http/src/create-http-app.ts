import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CORRELATION_HEADER, withRequestCorrelationId } from './correlation';
import { JsonLogger } from '@microbank/logging';
import { BEARER_SCHEME, completeOpenApiDocument } from './openapi/complete-openapi-document';
import { ProblemDetailsFilter, sendProblem, toProblem } from './problem-details.filter';
import { ProblemException } from './problem.exception';
import { RouteMethods } from './route-methods';
import { withoutQueryToken } from './auth/token-in-query.decorator';

export interface HttpAppOptions {
  /** The service name in logs. */
  readonly service: string;
  /** The OpenAPI document's title. */
  readonly title: string;
  readonly version?: string;
  /** Defaults to JSON lines on stdout; `false` silences Nest (tests). */
  readonly logger?: JsonLogger | false;
  /**
   * Which proxies' `X-Forwarded-For` decides `request.ip`: a hop count, or the proxies' addresses and CIDRs.
   * Defaults to `false`: trust no proxy, the client is the socket's peer.
   */
  readonly trustProxy?: false | number | readonly string[];
  /** Browser origins allowed to call the API (CORS); none by default, so browsers get no CORS headers. */
  readonly corsOrigins?: readonly string[];
}

export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * A NestJS application on Fastify with Microbank's edge: correlation ids, RFC 9457 problems for every error
 * (Nest routes Fastify's own, malformed JSON and oversized bodies, through the same filter), request logs,
 * 405 with Allow for a known path's other methods, OpenAPI at /docs (completed by completeOpenApiDocument), shutdown hooks.
 */
export async function createHttpApp(
  module: Type | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const logger = options.logger === false ? undefined : (options.logger ?? new JsonLogger(options.service));
  const problemLogger = logger ?? new JsonLogger(options.service);
  const trustProxy = typeof options.trustProxy === 'object' ? [...options.trustProxy] : (options.trustProxy ?? false);
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy });
  const fastify = adapter.getInstance();

  // every request runs inside its correlation id, which is echoed back and stamped on logs and events
  fastify.addHook('onRequest', (request, reply, done) => {
    withRequestCorrelationId(request.headers[CORRELATION_HEADER], (id) => {
      void reply.header(CORRELATION_HEADER, id);
      done();
    });
  });
  // a known path asked with a method it does not answer is a 405 with the methods it does, not a 404
  const routeMethods = new RouteMethods();
  fastify.addHook('onRoute', (route) => routeMethods.add(route.url, route.method));
  fastify.addHook('onRequest', (request, reply, done) => {
    const allowed = request.is404 ? routeMethods.allowedFor(request.url) : [];
    if (allowed.length === 0 || allowed.includes(request.method)) return done();
    void reply.header('allow', allowed.join(', '));
    const problem = new ProblemException(405, 'Method not allowed', `${request.method} is not allowed here.`, {
      type: 'method-not-allowed',
    });
    sendProblem(reply, toProblem(problem, withoutQueryToken(request.url), problemLogger));
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logger?.event('info', 'request', {
      method: request.method,
      url: withoutQueryToken(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime),
    });
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: logger ?? false,
    bufferLogs: false,
  });
  app.useGlobalFilters(new ProblemDetailsFilter(problemLogger));
  app.enableShutdownHooks();
  if (options.corsOrigins?.length) {
    app.enableCors({
      origin: [...options.corsOrigins],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', CORRELATION_HEADER],
      exposedHeaders: [CORRELATION_HEADER],
      maxAge: 600,
    });
  }

  const document = completeOpenApiDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(options.title)
        .setVersion(options.version ?? '1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });

  await app.init();
  return app;
}
