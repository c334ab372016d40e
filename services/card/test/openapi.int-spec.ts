import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractGapsOf, operationsOf, publicOperationsOf, type OpenApiDocument } from '@microbank/testing';
import { CardTestApp } from './card-test-app';

describe('the card service OpenAPI document', () => {
  let svc: CardTestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    svc = await CardTestApp.start();
    document = (await (await svc.request('GET', '/docs/json')).json()) as OpenApiDocument;
  });

  afterAll(() => svc?.stop());

  it('gives every operation a success body schema and its problem+json answers', () => {
    expect(contractGapsOf(document)).toEqual([]);
  });

  // the card network's routes take its own bearer key, not a customer's token, and are documented as needing one
  it('asks for a bearer token everywhere but health', () => {
    expect(publicOperationsOf(document)).toEqual(['GET /health/live', 'GET /health/ready']);
  });

  it('documents every card route', () => {
    expect([...operationsOf(document).keys()].filter((key) => key.includes('/v1/cards')).sort()).toEqual([
      'GET /v1/cards',
      'GET /v1/cards/{id}',
      'POST /v1/cards',
      'POST /v1/cards/{id}/cancel',
      'POST /v1/cards/{id}/freeze',
      'POST /v1/cards/{id}/unfreeze',
      'PUT /v1/cards/{id}/limits',
    ]);
  });

  it('documents every card network route', () => {
    expect([...operationsOf(document).keys()].filter((key) => key.includes('/v1/card-authorizations')).sort()).toEqual([
      'GET /v1/card-authorizations/{id}',
      'POST /v1/card-authorizations',
      'POST /v1/card-authorizations/{id}/captures',
      'POST /v1/card-authorizations/{id}/refunds',
      'POST /v1/card-authorizations/{id}/reversals',
    ]);
  });
});
