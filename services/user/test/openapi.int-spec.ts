import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractGapsOf, operationsOf, publicOperationsOf, type OpenApiDocument } from '@microbank/testing';
import { UserTestApp } from './user-test-app';

describe('the user service OpenAPI document', () => {
  let svc: UserTestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    svc = await UserTestApp.start();
    document = (await (await svc.request('GET', '/docs/json')).json()) as OpenApiDocument;
  });

  afterAll(() => svc?.stop());

  it('gives every operation a success body schema and its problem+json answers', () => {
    expect(contractGapsOf(document)).toEqual([]);
  });

  it('asks for a bearer token everywhere but signup, login and health', () => {
    expect(publicOperationsOf(document)).toEqual([
      'GET /health/live',
      'GET /health/ready',
      'POST /v1/auth/login',
      'POST /v1/users',
    ]);
    expect(operationsOf(document).get('GET /v1/users/me')?.security).toEqual([{ bearer: [] }]);
  });

  it('documents the answers signup and login give beyond validation', () => {
    const operations = operationsOf(document);
    expect(Object.keys(operations.get('POST /v1/users')!.responses)).toEqual(
      expect.arrayContaining(['201', '409', '422', '429']),
    );
    expect(Object.keys(operations.get('POST /v1/auth/login')!.responses)).toEqual(
      expect.arrayContaining(['200', '401', '429']),
    );
  });

  it('lists the countries a customer can sign up from', () => {
    const body = operationsOf(document).get('POST /v1/users')!.requestBody!.content['application/json']!.schema;
    const country = body.properties!.country!;
    expect(country.pattern).toBe('^[A-Z]{2}$');
    expect(country.enum).toEqual(expect.arrayContaining(['GB', 'DE', 'JP']));
    expect(country.enum).not.toContain('BR');
  });
});
