import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractGapsOf, operationsOf, publicOperationsOf, type OpenApiDocument } from '@microbank/testing';
import { FraudTestApp } from './fraud-test-app';

describe('the fraud service OpenAPI document', () => {
  let app: FraudTestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = await FraudTestApp.start();
    document = (await (await app.request('GET', '/docs/json')).json()) as OpenApiDocument;
  });

  afterAll(() => app?.stop());

  it('gives every operation a success body schema and its problem+json answers', () => {
    expect(contractGapsOf(document)).toEqual([]);
  });

  it('asks for a bearer token everywhere but health', () => {
    expect(publicOperationsOf(document)).toEqual(['GET /health/live', 'GET /health/ready']);
  });

  it('documents every alert route, the stream as text/event-stream with its query token', () => {
    expect([...operationsOf(document).keys()].filter((key) => key.includes('/v1/alerts')).sort()).toEqual([
      'GET /v1/alerts',
      'GET /v1/alerts/stream',
      'GET /v1/alerts/{id}',
      'POST /v1/alerts/{id}/resolve',
    ]);
    const stream = operationsOf(document).get('GET /v1/alerts/stream') as {
      parameters?: { name: string; in: string }[];
      responses: Record<string, { content?: Record<string, unknown> }>;
    };
    expect(Object.keys(stream.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
    expect(stream.parameters?.map((p) => `${p.in} ${p.name}`).sort()).toEqual([
      'header Last-Event-ID',
      'query access_token',
    ]);
  });
});
