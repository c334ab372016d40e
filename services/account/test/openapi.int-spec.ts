import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractGapsOf, operationsOf, publicOperationsOf, type OpenApiDocument } from '@microbank/testing';
import { AccountTestApp } from './account-test-app';

const MONEY_MOVEMENTS = ['POST /v1/accounts/{id}/deposits', 'POST /v1/accounts/{id}/withdrawals', 'POST /v1/transfers'];

describe('the account service OpenAPI document', () => {
  let svc: AccountTestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    svc = await AccountTestApp.start();
    document = (await (await svc.request('GET', '/docs/json')).json()) as OpenApiDocument;
  });

  afterAll(() => svc?.stop());

  it('gives every operation a success body schema and its problem+json answers', () => {
    expect(contractGapsOf(document)).toEqual([]);
  });

  it('asks for a bearer token everywhere but health', () => {
    expect(publicOperationsOf(document)).toEqual(['GET /health/live', 'GET /health/ready']);
  });

  it.each(MONEY_MOVEMENTS)('requires an Idempotency-Key of 1-255 visible ASCII characters on %s', (key) => {
    const header = operationsOf(document)
      .get(key)
      ?.parameters?.find((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key');
    expect(header).toMatchObject({ required: true, schema: { type: 'string', minLength: 1, maxLength: 255 } });
    const pattern = new RegExp(header!.schema!.pattern as string);
    expect(pattern.test('9f8e7d6c-retry-safe')).toBe(true);
    expect(pattern.test('has space')).toBe(false);
    expect(Object.keys(operationsOf(document).get(key)!.responses)).toEqual(
      expect.arrayContaining(['400', '409', '422']),
    );
  });

  it.each(MONEY_MOVEMENTS)('gives amountMinor on %s the pattern of a positive whole number of minor units', (key) => {
    const body = operationsOf(document).get(key)!.requestBody!.content['application/json']!.schema;
    const pattern = new RegExp(body.properties!.amountMinor!.pattern as string);
    expect(['1', '1050', '100000000'].every((amount) => pattern.test(amount))).toBe(true);
    expect(['0', '-5', '10.50', '0100', ''].some((amount) => pattern.test(amount))).toBe(false);
  });

  it('documents limit and cursor on the transaction list, and userId on the account list', () => {
    const parameters = (key: string) =>
      Object.fromEntries(
        (operationsOf(document).get(key)?.parameters ?? [])
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => [parameter.name, parameter]),
      );
    expect(parameters('GET /v1/accounts/{id}/transactions')).toMatchObject({
      limit: { required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      cursor: { required: false, schema: { type: 'string', pattern: '^[1-9]\\d{0,18}$' } },
    });
    expect(parameters('GET /v1/accounts')).toMatchObject({ userId: { required: false, schema: { format: 'uuid' } } });
  });
});
