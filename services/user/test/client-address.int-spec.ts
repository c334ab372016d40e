import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '@microbank/testing';
import { UserTestApp, newCustomer } from './user-test-app';

// The test stands in for the proxy: it connects from 127.0.0.1, which the service trusts, and names each
// request's client in X-Forwarded-For, appending it to whatever the client sent, as a proxy does.
describe('the user service behind a trusted proxy', () => {
  let svc: UserTestApp;

  beforeAll(async () => {
    svc = await UserTestApp.start({ TRUSTED_PROXIES: ['127.0.0.1'], SIGNUPS_PER_ADDRESS: 3 });
  });

  afterAll(() => svc?.stop());

  const loginFrom = (client: string, email: string, password: string, sentByClient?: string) =>
    svc.request('POST', '/v1/auth/login', {
      body: { email, password },
      headers: { 'x-forwarded-for': sentByClient ? `${sentByClient}, ${client}` : client },
    });
  const signUpFrom = (client: string, customer = newCustomer()) =>
    svc.request('POST', '/v1/users', { body: customer, headers: { 'x-forwarded-for': client } });
  const nobody = () => `${uniqueName('nobody')}@test.microbank.local`;

  it('refuses a client after twenty failures and still lets the other clients of the proxy in', async () => {
    const [guesser, bystander] = [svc.newClientAddress(), svc.newClientAddress()];
    const customer = newCustomer();
    expect((await signUpFrom(bystander, customer)).status).toBe(201);
    for (let i = 0; i < 20; i++) expect((await loginFrom(guesser, nobody(), 'wrong')).status).toBe(401);

    expect((await loginFrom(guesser, customer.email, customer.password)).status).toBe(429);
    expect((await loginFrom(bystander, customer.email, customer.password)).status).toBe(200);
  });

  it('counts against the address the proxy saw, never one the client wrote into X-Forwarded-For', async () => {
    const [guesser, framed] = [svc.newClientAddress(), svc.newClientAddress()];
    const customer = newCustomer();
    expect((await signUpFrom(framed, customer)).status).toBe(201);
    for (let i = 0; i < 20; i++) expect((await loginFrom(guesser, nobody(), 'wrong', framed)).status).toBe(401);

    expect((await loginFrom(guesser, customer.email, customer.password, framed)).status).toBe(429);
    expect((await loginFrom(framed, customer.email, customer.password)).status).toBe(200);
  });

  it("keeps the owner's own address open while another address fails on their account", async () => {
    const [attacker, owner] = [svc.newClientAddress(), svc.newClientAddress()];
    const customer = newCustomer();
    expect((await signUpFrom(owner, customer)).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await loginFrom(attacker, customer.email, `guess ${i}`)).status).toBe(401);
    expect((await loginFrom(attacker, customer.email, customer.password)).status).toBe(429);

    expect((await loginFrom(owner, customer.email, customer.password)).status).toBe(200);
  });

  it('limits signups per client address (429 problem with Retry-After), counting concurrent ones exactly', async () => {
    const [busy, other] = [svc.newClientAddress(), svc.newClientAddress()];
    const customers = Array.from({ length: 6 }, () => newCustomer());
    const responses = await Promise.all(customers.map((customer) => signUpFrom(busy, customer)));
    const statuses = responses.map((response) => response.status);

    expect([...statuses].sort()).toEqual([201, 201, 201, 429, 429, 429]);
    const refused = responses[statuses.indexOf(429)]!;
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      status: 429,
      type: 'https://microbank.dev/problems/signup-throttled',
    });
    const notCreated = customers[statuses.indexOf(429)]!;
    expect((await loginFrom(other, notCreated.email, notCreated.password)).status).toBe(401);
    expect((await signUpFrom(other)).status).toBe(201);
  });
});
