import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractGapsOf, operationsOf, publicOperationsOf, type OpenApiDocument } from '@microbank/testing';
import { ReportingTestApp } from './reporting-test-app';

describe('the reporting service OpenAPI document', () => {
  let app: ReportingTestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = await ReportingTestApp.start();
    document = (await (await app.request('GET', '/docs/json')).json()) as OpenApiDocument;
  });

  afterAll(() => app?.stop());

  it('gives every operation a success body schema and its problem+json answers', () => {
    expect(contractGapsOf(document)).toEqual([]);
  });

  it('asks for a bearer token everywhere but health', () => {
    expect(publicOperationsOf(document)).toEqual(['GET /health/live', 'GET /health/ready']);
  });

  it('documents the statement in JSON, CSV and PDF, with its 404, 406 and 422', () => {
    const statement = operationsOf(document).get('GET /v1/accounts/{id}/statements/{month}');
    expect(Object.keys(statement?.responses['200']?.content ?? {}).sort()).toEqual([
      'application/json',
      'application/pdf',
      'text/csv',
    ]);
    expect(Object.keys(statement?.responses ?? {})).toEqual(expect.arrayContaining(['404', '406', '422']));
    expect(statement?.parameters?.map((p) => `${p.in} ${p.name}`).sort()).toEqual(['path id', 'path month']);
  });

  it('documents spending and the daily report with their bounded ranges', () => {
    const operations = operationsOf(document);
    const spending = operations.get('GET /v1/accounts/{id}/spending');
    const daily = operations.get('GET /v1/reports/daily');
    expect(spending?.parameters?.map((p) => `${p.in} ${p.name}`).sort()).toEqual(['path id', 'query from', 'query to']);
    expect(daily?.parameters?.map((p) => `${p.in} ${p.name}`).sort()).toEqual(['query from', 'query to']);
    expect(Object.keys(daily?.responses ?? {})).toEqual(expect.arrayContaining(['403', '422']));
  });
});
