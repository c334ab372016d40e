import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlClient } from '@microbank/database';
import { connectDatabase, type ConnectedDatabase } from '@microbank/service-kit';
import { PrismaService } from '../src/database/prisma.service';
import { IdempotencyClaimLostError } from '../src/idempotency/idempotency-claim-lost.error';
import { IdempotencyRepository } from '../src/idempotency/idempotency.repository';
import { ABANDONED_AFTER_MS, MONEY_MOVEMENT_TRANSACTION } from '../src/idempotency/idempotency.service';
import { requestHash } from '../src/idempotency/request-hash';
import { AccountTestApp, type TransactionJson } from './account-test-app';

// longer than a money movement can run after its claim, far less than the two minutes keys used to be held
const LONGEST_MOVEMENT_MS = MONEY_MOVEMENT_TRANSACTION.maxWaitMs + MONEY_MOVEMENT_TRANSACTION.timeoutMs;
const DIED_AGO_MS = LONGEST_MOVEMENT_MS + 10_000;

// A request that stalls past the abandonment time must not commit after a retry took its key over.
describe('idempotency key claims', () => {
  let svc: AccountTestApp;
  let database: ConnectedDatabase<PrismaService>;
  let prisma: PrismaService;
  let sql: SqlClient;
  let keys: IdempotencyRepository;

  beforeAll(async () => {
    svc = await AccountTestApp.start();
    // the repository on the service's own database, so a key claimed here is one the service sees
    database = connectDatabase(PrismaService, svc.config.DATABASE_URL);
    prisma = database.client;
    sql = new SqlClient(database.pool);
    keys = new IdempotencyRepository(sql);
  });

  afterAll(async () => {
    await database?.close();
    await svc?.stop();
  });

  const age = (userId: string, key: string, ms: number) =>
    prisma.$executeRaw`
      UPDATE idempotency_key SET updated_at = now() - make_interval(secs => ${ms / 1000})
      WHERE user_id = ${userId}::uuid AND key = ${key}`;

  it('holds a key for just over the longest money movement', () => {
    expect(ABANDONED_AFTER_MS).toBeGreaterThan(LONGEST_MOVEMENT_MS);
    expect(ABANDONED_AFTER_MS).toBeLessThan(DIED_AGO_MS);
  });

  it('does not take over a key while its request may still be running', async () => {
    const [userId, key] = [randomUUID(), randomUUID()];
    await keys.claim(userId, key, 'hash');
    await age(userId, key, LONGEST_MOVEMENT_MS);

    expect(await keys.reclaimAbandoned(userId, key, 'hash', ABANDONED_AFTER_MS)).toBeUndefined();
  });

  it('lets only the current claim complete; the stalled one rolls back', async () => {
    const [userId, key] = [randomUUID(), randomUUID()];
    const stalled = (await keys.claim(userId, key, 'hash'))!;
    expect(await keys.claim(userId, key, 'hash')).toBeUndefined(); // the key is taken
    expect(await keys.reclaimAbandoned(userId, key, 'hash', ABANDONED_AFTER_MS)).toBeUndefined(); // nor abandoned

    await age(userId, key, DIED_AGO_MS);
    const retry = (await keys.reclaimAbandoned(userId, key, 'hash', ABANDONED_AFTER_MS))!;
    expect(retry).toBeInstanceOf(Date);

    const inTransaction = { maxWaitMs: 5_000, timeoutMs: 5_000 };
    await expect(
      sql.transaction(
        (tx) => keys.complete(tx, userId, key, stalled, { status: 201, body: { by: 'stalled' } }),
        inTransaction,
      ),
    ).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    await sql.transaction(
      (tx) => keys.complete(tx, userId, key, retry, { status: 201, body: { by: 'retry' } }),
      inTransaction,
    );

    expect(await keys.find(userId, key)).toMatchObject({ state: 'completed', responseBody: { by: 'retry' } });
  });

  it('does not let a stalled request release a key a retry now holds', async () => {
    const [userId, key] = [randomUUID(), randomUUID()];
    const stalled = (await keys.claim(userId, key, 'hash'))!;
    await age(userId, key, DIED_AGO_MS);
    const retry = (await keys.reclaimAbandoned(userId, key, 'hash', ABANDONED_AFTER_MS))!;
    expect(retry).toBeInstanceOf(Date);

    await keys.release(userId, key, stalled);

    expect(await keys.find(userId, key)).toMatchObject({ state: 'in_flight', updatedAt: retry });
  });

  describe('over HTTP', () => {
    it('lets a retry take over a key its request died holding, and moves the money once', async () => {
      const user = await svc.user();
      const account = await svc.openSavings(user);
      const key = randomUUID();
      const path = `/v1/accounts/${account.id}/deposits`;
      const body = { amountMinor: '250', currency: 'EUR' };
      // the request that died: it claimed the key (bound to route and body), then its process went away
      await keys.claim(user.userId, key, requestHash(`POST ${path}`, body));
      await age(user.userId, key, DIED_AGO_MS);

      const retry = await svc.move(path, user, body, key);
      expect(retry.status).toBe(201);
      const posted = (await retry.json()) as TransactionJson;
      const again = await svc.move(path, user, body, key);
      expect(again.status).toBe(201);
      expect(await again.json()).toEqual(posted);

      expect((await svc.account(user, account.id)).balance.amountMinor).toBe('250');
      const entries = await svc.db.query('SELECT 1 FROM ledger_entry WHERE account_id = $1', [account.id]);
      expect(entries.rows).toHaveLength(1);
      expect(await keys.find(user.userId, key)).toMatchObject({ state: 'completed', responseStatus: 201 });
    });
  });
});
