import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Origin } from '@microbank/contracts';
import { DomainError } from '@microbank/domain';
import { Public } from './auth/public.decorator';
import { createHttpApp } from './create-http-app';
import { JsonLogger } from '@microbank/logging';
import { toProblem } from './problem-details.filter';
import { Problems } from './problem.exception';
import { RequestOrigin } from './request-origin.decorator';

const refusals: Record<string, DomainError> = {
  missing: DomainError.notFound('The account'),
  staff: DomainError.forbidden('Only customers open accounts.'),
  login: DomainError.unauthenticated('The email or password is wrong.'),
  frozen: DomainError.conflict('Account frozen', 'This account is frozen and accepts no debits.', 'account-frozen'),
  broke: DomainError.rejected('Insufficient funds', 'The balance does not cover this amount.', 'insufficient-funds', [
    { field: 'amountMinor', rule: 'insufficient_funds', message: 'exceeds the available balance' },
  ]),
  hammering: DomainError.throttled('Too many failed logins', 'Try again in 30 seconds.', 30, 'login-throttled'),
};

@Public()
@Controller('edge')
class EdgeController {
  @Get('origin')
  origin(@RequestOrigin() origin: Origin): Origin {
    return origin;
  }

  @Get('refuse/:name')
  refuse(@Param('name') name: string): never {
    throw refusals[name]!;
  }
}

@Module({ controllers: [EdgeController] })
class EdgeModule {}

describe('domain errors and origins at the HTTP edge', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(EdgeModule, { service: 'edge', title: 'Edge', logger: false });
  });
  afterAll(() => app.close());

  it.each([
    ['missing', 404, 'not-found'],
    ['staff', 403, 'forbidden'],
    ['login', 401, 'unauthorized'],
    ['frozen', 409, 'account-frozen'],
    ['broke', 422, 'insufficient-funds'],
    ['hammering', 429, 'login-throttled'],
  ])('answers the %s refusal with %i and its problem type', async (name, status, type) => {
    const response = await app.inject({ method: 'GET', url: `/edge/refuse/${name}` });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const refusal = refusals[name]!;
    expect(response.json()).toEqual({
      type: `https://microbank.dev/problems/${type}`,
      title: refusal.title,
      status,
      detail: refusal.detail,
      instance: `/edge/refuse/${name}`,
      correlationId: response.headers['x-correlation-id'],
      ...(refusal.details.errors ? { errors: refusal.details.errors } : {}),
    });
  });

  it('tells a throttled client when to come back', async () => {
    const response = await app.inject({ method: 'GET', url: '/edge/refuse/hammering' });
    expect(response.headers['retry-after']).toBe('30');
  });

  it('words a refusal exactly as the edge problem it replaced', () => {
    const logger = new JsonLogger('edge');
    expect(toProblem(DomainError.notFound('The account'), '/x', logger)).toEqual(
      toProblem(Problems.notFound('The account'), '/x', logger),
    );
    const errors = [{ field: 'toIban', rule: 'iban_checksum', message: 'toIban is not a valid IBAN' }];
    expect(toProblem(DomainError.invalid(errors), '/x', logger)).toEqual(
      toProblem(Problems.invalidRequest(errors), '/x', logger),
    );
  });

  it("gives services the request's correlation id as their origin, caused by no event", async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/edge/origin',
      headers: { 'x-correlation-id': 'workshop-42' },
    });
    expect(response.json()).toEqual({ correlationId: 'workshop-42', causationId: null });
    const fresh = await app.inject({ method: 'GET', url: '/edge/origin' });
    expect(fresh.json<Origin>().correlationId).toBe(fresh.headers['x-correlation-id']);
  });
});
