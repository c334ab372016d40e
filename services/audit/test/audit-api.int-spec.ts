import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountFrozenV1, AccountOpenedV1, AccountUnfrozenV1, UserSignedUpV1 } from '@microbank/contracts';
import { contractGapsOf, operationsOf, publicOperationsOf, type OpenApiDocument } from '@microbank/testing';
import { AuditTestApp } from './audit-test-app';

interface RecordBody {
  sequence: string;
  topic: string;
  eventId: string | null;
  type: string | null;
  correlationId: string | null;
  causationId: string | null;
  aggregateId: string | null;
  occurredAt: string | null;
  payload: Record<string, unknown> | null;
  hash: string;
}

describe('the analyst API of the audit trail', () => {
  let app: AuditTestApp;
  let analyst: { userId: string; token: string };
  const correlationId = randomUUID();
  const userId = randomUUID();
  const accountId = randomUUID();
  const at = (seconds: number) => new Date(Date.parse('2026-06-01T10:00:00.000Z') + seconds * 1000);

  beforeAll(async () => {
    app = await AuditTestApp.start();
    analyst = await app.user('analyst');
    // the account service's events arrive first on the wire, the signup that caused them happened first
    const opened = await app.publish(
      AccountOpenedV1,
      accountId,
      { accountId, userId, iban: 'GB33MBNK00000012345678', currency: 'GBP', kind: 'current' },
      { source: 'account', correlationId, at: at(1) },
    );
    await app.publish(
      UserSignedUpV1,
      userId,
      { userId, email: `${userId}@test.local`, fullName: 'Ada Lovelace', country: 'GB' },
      { source: 'user', correlationId, at: at(0) },
    );
    await app.publish(
      AccountFrozenV1,
      accountId,
      { accountId, reason: 'Fraud alert: a large withdrawal', alertId: null },
      { source: 'account', correlationId: randomUUID(), causationId: opened.eventId, at: at(5) },
    );
    await app.publish(
      AccountUnfrozenV1,
      accountId,
      { accountId, reason: 'False positive', alertId: null },
      { source: 'account', correlationId: randomUUID(), at: at(9) },
    );
    await app.appended(4);
  });

  afterAll(() => app?.stop());

  const get = (path: string, token = analyst.token) => app.request('GET', path, { token });

  it("follows one request's correlation id across the services, in the order things happened", async () => {
    const response = await get(`/v1/audit/trail?correlationId=${correlationId}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: RecordBody[]; truncated: boolean };

    expect(body.truncated).toBe(false);
    expect(body.items.map((r) => r.type)).toEqual(['UserSignedUp', 'AccountOpened']);
    expect(body.items[0]).toMatchObject({
      topic: app.topic('banking.signups'),
      correlationId,
      aggregateId: userId,
      occurredAt: at(0).toISOString(),
      payload: { userId, fullName: 'Ada Lovelace' },
    });
    expect(body.items[1]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("pages through one aggregate's records in chain order", async () => {
    const first = (await (await get(`/v1/audit/events?aggregateId=${accountId}&limit=2`)).json()) as {
      items: RecordBody[];
      nextCursor: string | null;
    };
    expect(first.items.map((r) => r.type)).toEqual(['AccountOpened', 'AccountFrozen']);
    expect(first.nextCursor).toBe(first.items[1]!.sequence);

    const second = (await (
      await get(`/v1/audit/events?aggregateId=${accountId}&limit=2&cursor=${first.nextCursor}`)
    ).json()) as { items: RecordBody[]; nextCursor: string | null };
    expect(second.items.map((r) => r.type)).toEqual(['AccountUnfrozen']);
    expect(second.nextCursor).toBeNull();
    expect(
      ((await (await get(`/v1/audit/events?aggregateId=${randomUUID()}`)).json()) as { items: unknown[] }).items,
    ).toEqual([]);
  });

  it('is for analysts only: a customer gets 403, whoever owns the records', async () => {
    const customer = await app.user('customer');
    expect((await get(`/v1/audit/trail?correlationId=${correlationId}`, customer.token)).status).toBe(403);
    expect((await get(`/v1/audit/events?aggregateId=${accountId}`, customer.token)).status).toBe(403);
    expect((await app.request('GET', `/v1/audit/trail?correlationId=${correlationId}`)).status).toBe(401);
  });

  it('answers 422 without the parameter it searches by, or with a bad limit or cursor', async () => {
    for (const path of [
      '/v1/audit/trail',
      '/v1/audit/trail?correlationId=',
      '/v1/audit/events',
      `/v1/audit/events?aggregateId=${accountId}&limit=0`,
      `/v1/audit/events?aggregateId=${accountId}&cursor=abc`,
      `/v1/audit/events?aggregateId=${accountId}&cursor=99999999999999999999`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(422);
      expect(response.headers.get('content-type'), path).toContain('application/problem+json');
    }
  });

  it('documents both routes, each with its success body and problem answers, behind a bearer token', async () => {
    const document = (await (await app.request('GET', '/docs/json')).json()) as OpenApiDocument;

    expect(contractGapsOf(document)).toEqual([]);
    expect(publicOperationsOf(document)).toEqual(['GET /health/live', 'GET /health/ready']);
    expect([...operationsOf(document).keys()].filter((key) => key.includes('/v1/audit')).sort()).toEqual([
      'GET /v1/audit/events',
      'GET /v1/audit/trail',
    ]);
  });
});
