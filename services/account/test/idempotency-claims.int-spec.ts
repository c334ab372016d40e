import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackConnections } from '@microbank/testing';
import { migrateAccountDatabase } from '../src/account-app';
import type { AccountConfig } from '../src/config';
import { PrismaService } from '../src/database/prisma.service';
import { IdempotencyClaimLostError } from '../src/idempotency/idempotency-claim-lost.error';
import { IdempotencyRepository } from '../src/idempotency/idempotency.repository';

// A request that stalls past the abandonment time must not commit after a retry took its key over.
describe('idempotency key claims', () => {
  let prisma: PrismaService;
  let keys: IdempotencyRepository;

  beforeAll(async () => {
    const stack = await stackConnections();
    const url = stack.postgres.services.account.url;
    await migrateAccountDatabase(url);
    prisma = new PrismaService({ DATABASE_URL: url } as AccountConfig);
    keys = new IdempotencyRepository(prisma);
  });

  afterAll(() => prisma?.onApplicationShutdown());

  const age = (userId: string, key: string) =>
    prisma.$executeRaw`UPDATE idempotency_key SET updated_at = now() - interval '3 minutes' WHERE user_id = ${userId}::uuid AND key = ${key}`;

  it('lets only the current claim complete; the stalled one rolls back', async () => {
    const [userId, key] = [randomUUID(), randomUUID()];
    const stalled = (await keys.claim(userId, key, 'hash'))!;
    expect(await keys.claim(userId, key, 'hash')).toBeUndefined(); // the key is taken
    expect(await keys.reclaimAbandoned(userId, key, 'hash', 120_000)).toBeUndefined(); // and not yet abandoned

    await age(userId, key);
    const retry = (await keys.reclaimAbandoned(userId, key, 'hash', 120_000))!;
    expect(retry).toBeInstanceOf(Date);

    await expect(
      prisma.$transaction((tx) => keys.complete(tx, userId, key, stalled, { status: 201, body: { by: 'stalled' } })),
    ).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    await prisma.$transaction((tx) => keys.complete(tx, userId, key, retry, { status: 201, body: { by: 'retry' } }));

    expect(await keys.find(userId, key)).toMatchObject({ state: 'completed', responseBody: { by: 'retry' } });
  });

  it('does not let a stalled request release a key a retry now holds', async () => {
    const [userId, key] = [randomUUID(), randomUUID()];
    const stalled = (await keys.claim(userId, key, 'hash'))!;
    await age(userId, key);
    await keys.reclaimAbandoned(userId, key, 'hash', 120_000);

    await keys.release(userId, key, stalled);

    expect(await keys.find(userId, key)).toMatchObject({ state: 'in_flight' });
  });
});
