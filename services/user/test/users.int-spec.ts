import { decodeProtectedHeader } from 'jose';
import { Client } from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Topics, UserSignedUpV1, type EventEnvelope } from '@microbank/contracts';
import { JwtVerifier } from '@microbank/http';
import { signTestToken, uniqueName, waitFor } from '@microbank/testing';
import { UserTestApp, newCustomer } from './user-test-app';

describe('the user service over HTTP', () => {
  let svc: UserTestApp;

  beforeAll(async () => {
    svc = await UserTestApp.start();
  });

  afterAll(() => svc?.stop());

  beforeEach(() => svc.clearAddressThrottle());

  const login = (email: string, password: string) =>
    svc.request('POST', '/v1/auth/login', { body: { email, password } });

  it('signs a customer up and publishes UserSignedUp with the request correlation id', async () => {
    const customer = newCustomer();
    const response = await svc.request('POST', '/v1/users', {
      body: customer,
      headers: { 'x-correlation-id': 'corr-signup-1' },
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-correlation-id')).toBe('corr-signup-1');
    const user = (await response.json()) as Record<string, unknown>;
    expect(user).toMatchObject({ email: customer.email, fullName: 'Ada Lovelace', country: 'GB', role: 'customer' });
    expect(user).not.toHaveProperty('passwordHash');

    const topic = svc.topics.of(Topics.signups);
    const event = await waitFor(() => svc.signups.values<EventEnvelope>(topic).find((e) => e.aggregateId === user.id), {
      timeoutMs: 30_000,
      what: 'the UserSignedUp event',
    });
    expect(event).toMatchObject({
      type: 'UserSignedUp',
      version: 1,
      source: 'user',
      correlationId: 'corr-signup-1',
      causationId: null,
    });
    expect(UserSignedUpV1.payload.parse(event.payload)).toEqual({
      userId: user.id,
      email: customer.email,
      fullName: 'Ada Lovelace',
      country: 'GB',
    });
  });

  it('stores a slow, salted scrypt hash, never the password', async () => {
    const customer = newCustomer();
    await svc.request('POST', '/v1/users', { body: customer });
    const db = new Client({ connectionString: svc.config.DATABASE_URL });
    await db.connect();
    const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM app_user WHERE email = $1', [
      customer.email,
    ]);
    await db.end();

    expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(rows[0]!.password_hash).not.toContain(customer.password);
  });

  it('refuses a second signup with the same email, whatever its case (409)', async () => {
    const customer = newCustomer();
    await svc.request('POST', '/v1/users', { body: customer });
    const again = await svc.request('POST', '/v1/users', {
      body: { ...customer, email: customer.email.toUpperCase() },
    });

    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await again.json()).toMatchObject({ status: 409, type: 'https://microbank.dev/problems/email-taken' });
  });

  it('logs in with a short-lived EdDSA token that opens /v1/users/me', async () => {
    const customer = newCustomer();
    await svc.request('POST', '/v1/users', { body: customer });
    const response = await login(customer.email, customer.password);

    expect(response.status).toBe(200);
    const token = (await response.json()) as { accessToken: string; tokenType: string; expiresIn: number };
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(decodeProtectedHeader(token.accessToken).alg).toBe('EdDSA');
    expect(await new JwtVerifier(svc.keys.publicKey).verify(token.accessToken)).toMatchObject({
      email: customer.email,
      role: 'customer',
    });

    const me = await svc.request('GET', '/v1/users/me', { token: token.accessToken });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: customer.email });
  });

  it('answers a wrong password and an unknown email with the same generic 401', async () => {
    const customer = newCustomer();
    await svc.request('POST', '/v1/users', { body: customer });
    const wrongPassword = await login(customer.email, 'not the password');
    const unknownEmail = await login(`nobody-${customer.email}`, customer.password);

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const [a, b] = (await Promise.all([wrongPassword.json(), unknownEmail.json()])) as Record<string, unknown>[];
    expect({ ...a, correlationId: undefined }).toEqual({ ...b, correlationId: undefined });
  });

  it('locks an account out after five failed logins, even for the right password (429)', async () => {
    const customer = newCustomer();
    await svc.request('POST', '/v1/users', { body: customer });
    for (let i = 0; i < 5; i++) expect((await login(customer.email, `wrong ${i}`)).status).toBe(401);

    const locked = await login(customer.email, customer.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ type: 'https://microbank.dev/problems/login-throttled' });
  });

  it('counts concurrent guesses atomically: twenty at once still get only five tries', async () => {
    const customer = newCustomer();
    await svc.request('POST', '/v1/users', { body: customer });
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => login(customer.email, `guess ${i}`)));
    const statuses = guesses.map((response) => response.status);

    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    expect((await login(customer.email, customer.password)).status).toBe(429);
  });

  it('refuses an address after twenty failures, whichever accounts they were for', async () => {
    for (let i = 0; i < 20; i++)
      expect((await login(`${uniqueName('nobody')}@test.microbank.local`, 'wrong')).status).toBe(401);
    const customer = newCustomer();
    await svc.request('POST', '/v1/users', { body: customer });

    expect((await login(customer.email, customer.password)).status).toBe(429);
  });

  it('does not count refused logins: retrying a locked account does not get its address refused', async () => {
    const [locked, neighbour] = [newCustomer(), newCustomer()];
    for (const customer of [locked, neighbour]) await svc.request('POST', '/v1/users', { body: customer });
    for (let i = 0; i < 5; i++) expect((await login(locked.email, `wrong ${i}`)).status).toBe(401);
    for (let i = 0; i < 20; i++) expect((await login(locked.email, `still wrong ${i}`)).status).toBe(429);

    expect((await login(neighbour.email, neighbour.password)).status).toBe(200);
  });

  it('ignores X-Forwarded-For when no proxy is trusted: a client cannot pose as other addresses', async () => {
    const spoofing = () => ({ 'x-forwarded-for': svc.newClientAddress() });
    for (let i = 0; i < 20; i++) {
      const body = { email: `${uniqueName('nobody')}@test.microbank.local`, password: 'wrong' };
      expect((await svc.request('POST', '/v1/auth/login', { body, headers: spoofing() })).status).toBe(401);
    }
    const customer = newCustomer();
    await svc.request('POST', '/v1/users', { body: customer });

    const body = { email: customer.email, password: customer.password };
    expect((await svc.request('POST', '/v1/auth/login', { body, headers: spoofing() })).status).toBe(429);
  });

  it('creates the first analyst from configuration; the public API cannot make one', async () => {
    const analyst = await login(svc.config.ANALYST_EMAIL!, svc.config.ANALYST_PASSWORD!);
    expect(analyst.status).toBe(200);
    const { accessToken } = (await analyst.json()) as { accessToken: string };
    expect(await new JwtVerifier(svc.keys.publicKey).verify(accessToken)).toMatchObject({ role: 'analyst' });

    const sneaky = await svc.request('POST', '/v1/users', { body: { ...newCustomer(), role: 'analyst' } });
    expect(sneaky.status).toBe(422);
    expect(await sneaky.json()).toMatchObject({ errors: [{ field: 'role', rule: 'unknown_field' }] });
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not.a.jwt'],
    [
      'an alg:none token',
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x","email":"x@y.z","role":"analyst"}').toString('base64url')}.`,
    ],
  ])('refuses %s on /v1/users/me (401)', async (_name, token) => {
    const response = await svc.request('GET', '/v1/users/me', token ? { token } : {});

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('refuses an expired token and a token signed with another key (401)', async () => {
    const claims = { userId: crypto.randomUUID(), email: 'x@test.microbank.local', role: 'customer' as const };
    const expired = await signTestToken(svc.keys.privateKey, claims, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const { testKeys } = await import('@microbank/testing');
    const foreign = await signTestToken(testKeys().privateKey, claims);
    const valid = await signTestToken(svc.keys.privateKey, claims);
    const [header, payload, signature] = valid.split('.') as [string, string, string];
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'analyst' })).toString('base64url')}.${signature}`;
    expect((await svc.request('GET', '/v1/users/me', { token: valid })).status).not.toBe(401); // the untouched token passes

    for (const token of [expired, foreign, tampered]) {
      expect((await svc.request('GET', '/v1/users/me', { token })).status).toBe(401);
    }
  });

  it.each([
    ['malformed JSON', { rawBody: '{"email": ' }, 400, undefined],
    [
      'a missing field',
      { body: { email: 'a@b.co', password: 'a long enough password', country: 'GB' } },
      422,
      'fullName',
    ],
    ['a wrong type', { body: { ...newCustomer(), country: 44 } }, 422, 'country'],
    ['an invalid email', { body: { ...newCustomer(), email: 'not-an-email' } }, 422, 'email'],
    ['a short password', { body: { ...newCustomer(), password: 'short' } }, 422, 'password'],
    ['an unknown field', { body: { ...newCustomer(), admin: true } }, 422, 'admin'],
    ['an oversized body', { body: { ...newCustomer(), fullName: 'x'.repeat(70_000) } }, 413, undefined],
  ])('answers %s with a problem naming the field', async (_name, options, status, field) => {
    const response = await svc.request('POST', '/v1/users', options);

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { status: number; errors?: { field: string }[]; detail?: string };
    expect(problem.status).toBe(status);
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.(ts|js):\d+/); // never a stack trace
    if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it.each([
    ['BR', 'served_country'],
    ['XX', 'served_country'],
    ['gb', 'invalid_format'],
    ['GBR', 'invalid_format'],
  ])('refuses a signup from %s, naming the field country and the rule %s (422)', async (country, rule) => {
    const response = await svc.request('POST', '/v1/users', { body: { ...newCustomer(), country } });

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { errors: { field: string; rule: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'country', rule })]);
  });

  it('serves liveness, readiness and the OpenAPI document', async () => {
    expect((await svc.request('GET', '/health/live')).status).toBe(200);
    const ready = await svc.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: {
        database: 'ok',
        kafka: 'ok',
        outbox: { pending: expect.any(Number) as number, parked: 0, lagMs: expect.any(Number) as number },
      },
    });
    const openApi = (await (await svc.request('GET', '/docs/json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/v1/users', '/v1/auth/login', '/v1/users/me']));
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await svc.request('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers a known path asked with another method with a 405 problem that says which methods it allows', async () => {
    const response = await svc.request('DELETE', '/v1/users/me');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 405,
      type: 'https://microbank.dev/problems/method-not-allowed',
      instance: '/v1/users/me',
    });
    expect((await svc.request('GET', '/v1/auth/login')).headers.get('allow')).toBe('POST');
  });
});
