import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
// how Prisma 6.19 reports a raw query's failure (P2010): the driver adapter's error, whose cause has PostgreSQL's code
const rawQueryFailed = (cause: Record<string, unknown>) => {
  const adapterError = Object.assign(new Error('adapter error'), { cause });
  return Object.assign(new Error('Invalid `prisma.$queryRaw()` invocation: Raw query failed.'), {
    code: 'P2010',
    meta: { driverAdapterError: adapterError },
  });
};

describe('isDatabaseUnavailable', () => {
  it('recognises a server that is down, shutting down, or out of reach, however deep the cause', () => {
    expect(isDatabaseUnavailable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:55432', 'ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('Timed out fetching a new connection from the pool', 'P2024'))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error('wrapped', { cause: new Error('Connection terminated unexpectedly') })),
    ).toBe(true);
  });

  it('recognises what the pg adapter and Prisma said while the chaos suite restarted PostgreSQL', () => {
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(rawQueryFailed({ kind: 'DatabaseNotReachable', host: '127.0.0.1' }))).toBe(true);
    expect(isDatabaseUnavailable(rawQueryFailed({ kind: 'postgres', originalCode: '57P03' }))).toBe(true);
    expect(isDatabaseUnavailable(rawQueryFailed({ kind: 'postgres', originalCode: '57P01' }))).toBe(true);
  });

  it('leaves errors about the request or the data alone', () => {
    expect(isDatabaseUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('could not serialize access', '40001'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(
      isDatabaseUnavailable(
        rawQueryFailed({ kind: 'postgres', originalCode: '23514', originalMessage: 'violates check constraint' }),
      ),
    ).toBe(false);
  });
});
