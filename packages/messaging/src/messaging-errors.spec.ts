import { describe, expect, it } from 'vitest';
import { PermanentEventError } from '@microbank/contracts';
import { DomainError } from '@microbank/domain';
import { EventRejectedError, classifyFailure } from './messaging-errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('classifyFailure', () => {
  it('treats invalid events and domain rejections as permanent', () => {
    expect(classifyFailure(new PermanentEventError('invalid-payload', 'amount'))).toBe('permanent');
    expect(classifyFailure(new EventRejectedError('account is closed'))).toBe('permanent');
  });

  it('treats a business refusal from a service the handler called as permanent: it is no outage', () => {
    expect(classifyFailure(DomainError.conflict('Account frozen', 'It accepts no debits.', 'account-frozen'))).toBe(
      'permanent',
    );
    expect(classifyFailure(DomainError.notFound('The account'))).toBe('permanent');
  });

  it.each([
    ['a lost connection', withCode('ECONNREFUSED')],
    ['a server shutting down', withCode('57P01')],
    ['a serialization failure', withCode('40001')],
    ['a deadlock', withCode('40P01')],
    ['Prisma unable to reach the database', withCode('P1001')],
    ['a Prisma write conflict', withCode('P2034')],
    ['a retriable KafkaJS error', Object.assign(new Error('leader not available'), { retriable: true })],
    [
      'a transient cause wrapped in another error',
      Object.assign(new Error('handler failed'), { cause: withCode('ECONNRESET') }),
    ],
  ])('treats %s as transient', (_name, error) => {
    expect(classifyFailure(error)).toBe('transient');
  });

  it('leaves anything else unknown, to be retried a few times and then dead-lettered', () => {
    expect(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe('unknown');
    expect(classifyFailure(withCode('23505', 'duplicate key value violates unique constraint'))).toBe('unknown');
  });
});
