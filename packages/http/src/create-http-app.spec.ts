import { Body, Controller, Get, HttpCode, Module, Post, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Public } from './auth/public.decorator';
import { createHttpApp } from './create-http-app';
import { ApiProblems } from './openapi/api-problems.decorator';
import { ApiZodBody } from './openapi/api-zod-body.decorator';
import { ApiZodQuery } from './openapi/api-zod-query.decorator';
import { ApiZodResponse } from './openapi/api-zod-response.decorator';
import { ZodValidationPipe } from './zod-validation.pipe';

const noteSchema = z.strictObject({ text: z.string().min(1) });
const pageQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });

@Controller('notes')
class NotesController {
  @Get()
  @ApiZodQuery(pageQuerySchema)
  @ApiZodResponse(200, z.object({ items: z.array(noteSchema) }), 'A page of notes')
  list(@Query(new ZodValidationPipe(pageQuerySchema)) query: z.infer<typeof pageQuerySchema>) {
    return { items: [{ text: `first ${query.limit}` }] };
  }

  @Public()
  @Post()
  @HttpCode(201)
  @ApiZodBody(noteSchema)
  @ApiZodResponse(201, noteSchema, 'The note')
  @ApiProblems(409)
  add(@Body(new ZodValidationPipe(noteSchema)) note: z.infer<typeof noteSchema>) {
    return note;
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
}
interface Operation {
  security?: unknown;
  parameters?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  security?: unknown;
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, Operation>>;
}

describe('the HTTP edge', () => {
  let app: NestFastifyApplication;
  let document: Document;

  beforeAll(async () => {
    app = await createHttpApp(NotesModule, { service: 'notes', title: 'Notes', logger: false });
    await app.getHttpAdapter().getInstance().ready();
    document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<Document>();
  });

  afterAll(() => app?.close());

  describe('answers a known path asked with a method it does not serve', () => {
    it('with a 405 problem and the methods it allows', async () => {
      const response = await app.inject({ method: 'DELETE', url: '/notes?limit=2' });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD, POST');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        type: 'https://microbank.dev/problems/method-not-allowed',
        title: 'Method not allowed',
        status: 405,
        instance: '/notes?limit=2',
        correlationId: expect.any(String) as string,
      });
    });

    it('but an unknown path still with a 404', async () => {
      const response = await app.inject({ method: 'DELETE', url: '/nothing-here' });
      expect(response.statusCode).toBe(404);
      expect(response.headers.allow).toBeUndefined();
    });
  });

  describe('documents in OpenAPI', () => {
    it('the shared Problem schema', () => {
      expect(Object.keys(document.components.schemas.Problem!.properties!)).toEqual([
        'type',
        'title',
        'status',
        'detail',
        'instance',
        'correlationId',
        'errors',
      ]);
    });

    it('a bearer requirement on every route but the @Public() ones, and none for the whole document', () => {
      expect(document.security).toBeUndefined();
      expect(document.paths['/notes']!.get!.security).toEqual([{ bearer: [] }]);
      expect(document.paths['/notes']!.post!).not.toHaveProperty('security');
      expect(document.paths['/notes']!.post!).not.toHaveProperty('x-microbank-public');
    });

    it('the success body from the zod schema, and the problems the route and the edge answer', () => {
      const list = document.paths['/notes']!.get!.responses;
      const add = document.paths['/notes']!.post!.responses;
      expect(list['200']!.content!['application/json']!.schema.properties!.items!.type).toBe('array');
      expect(Object.keys(list).sort()).toEqual(['200', '401', '422', '500', '503']);
      expect(Object.keys(add).sort()).toEqual(['201', '400', '409', '413', '415', '422', '500', '503']);
      expect(add['409']!.content).toEqual({
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      });
    });

    it('each field of a zod query as a query parameter', () => {
      expect(document.paths['/notes']!.get!.parameters).toEqual([
        {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
        },
      ]);
    });
  });
});

describe('CORS', () => {
  let app: NestFastifyApplication | undefined;

  afterEach(async () => {
    await app?.close();
  });

  const preflight = (origin: string) =>
    app!
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'OPTIONS',
        url: '/notes',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });

  it('lets a page on a listed origin call the API, and no other', async () => {
    app = await createHttpApp(NotesModule, {
      service: 'notes',
      title: 'Notes',
      logger: false,
      corsOrigins: ['http://127.0.0.1:3007'],
    });

    const allowed = await preflight('http://127.0.0.1:3007');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3007');
    expect(allowed.headers['access-control-allow-headers']).toContain('content-type');
    const post = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/notes',
        headers: { origin: 'http://127.0.0.1:3007' },
        payload: { text: 'hi' },
      });
    expect(post.statusCode).toBe(201);
    expect(post.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3007');

    expect((await preflight('http://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends no CORS headers when no origin is listed', async () => {
    app = await createHttpApp(NotesModule, { service: 'notes', title: 'Notes', logger: false });
    const answer = await preflight('http://127.0.0.1:3007');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.statusCode).toBe(405); // OPTIONS is not a method the API answers
  });
});
