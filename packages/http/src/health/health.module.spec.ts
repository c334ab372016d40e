import { Module } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../create-http-app';
import { HealthModule } from './health.module';

// No infrastructure here: the checks are stand-ins, and what is tested is what the endpoint tells a caller.
describe('/health/ready', () => {
  let app: NestFastifyApplication;
  let databaseUp = true;

  @Module({
    imports: [
      HealthModule.forRoot({
        checks: () => ({
          database: async () => {
            if (!databaseUp) throw new Error('password authentication failed for user "microbank_account" at 10.0.0.7');
          },
          outbox: async () => ({ pending: 2, parked: 0, lagMs: 15 }),
        }),
      }),
    ],
  })
  class TestModule {}

  beforeAll(async () => {
    app = await createHttpApp(TestModule, { service: 'test', title: 'test', logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app?.close());

  const ready = () => app.inject({ method: 'GET', url: '/health/ready' });

  it('shows each check, with the figures a check reports', async () => {
    databaseUp = true;
    const response = await ready();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', outbox: { pending: 2, parked: 0, lagMs: 15 } },
    });
  });

  it('names what is unavailable without repeating the driver’s words', async () => {
    databaseUp = false;
    const response = await ready();
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ detail: string }>();
    expect(problem.detail).toBe('Unavailable: database.');
    expect(response.body).not.toMatch(/password|microbank_account|10\.0\.0\.7/);
  });
});
