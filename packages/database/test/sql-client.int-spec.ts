import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, stackConnections, type TestDatabase } from '@microbank/testing';
import { SqlClient, SqlTimeoutError, createPool, isDatabaseUnavailable } from '../src';

const IN_TIME = { maxWaitMs: 5_000, timeoutMs: 5_000 };

describe('SqlClient', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let sql: SqlClient;

  beforeAll(async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'no-migrations-'));
    database = await createTestDatabase(await stackConnections(), empty);
    await rm(empty, { recursive: true });
    pool = createPool(database.url, { max: 2 });
    sql = new SqlClient(pool);
    await sql.$executeRaw`CREATE TABLE entry (id int PRIMARY KEY, note text, amount bigint)`;
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const count = async (): Promise<number> =>
    Number((await sql.$queryRaw<{ n: string }[]>`SELECT count(*) AS n FROM entry`)[0]!.n);

  it('binds every value as a parameter, never as SQL text', async () => {
    const note = "'); DROP TABLE entry; --";
    expect(await sql.$executeRaw`INSERT INTO entry (id, note, amount) VALUES (${1}, ${note}, ${12n})`).toBe(1);

    const rows = await sql.$queryRaw<
      { note: string; amount: string }[]
    >`SELECT note, amount FROM entry WHERE id = ${1}`;
    expect(rows).toEqual([{ note, amount: '12' }]);
  });

  it('prepares each call site once per connection and reuses it', async () => {
    const onePool = createPool(database.url, { max: 1 });
    const one = new SqlClient(onePool);
    try {
      const read = (id: number) => one.$queryRaw<{ id: number }[]>`SELECT id FROM entry WHERE id = ${id}`;
      for (const id of [1, 2, 1, 3, 1]) await read(id);

      const prepared = await one.$queryRaw<{ statement: string }[]>`
        SELECT statement FROM pg_prepared_statements WHERE statement LIKE 'SELECT id FROM entry%'`;
      expect(prepared).toEqual([{ statement: 'SELECT id FROM entry WHERE id = $1' }]);
    } finally {
      await onePool.end();
    }
  });

  it('commits a transaction whose work resolves', async () => {
    const before = await count();
    const result = await sql.transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO entry (id) VALUES (${2})`;
      await tx.$executeRaw`INSERT INTO entry (id) VALUES (${3})`;
      return 'done';
    }, IN_TIME);

    expect(result).toBe('done');
    expect(await count()).toBe(before + 2);
  });

  it('rolls back all of a transaction whose work throws, and hands its connection back', async () => {
    const before = await count();
    const failure = new Error('refused after writing');
    await expect(
      sql.transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO entry (id) VALUES (${4})`;
        throw failure;
      }, IN_TIME),
    ).rejects.toBe(failure);

    expect(await count()).toBe(before);
    expect(pool.idleCount + pool.waitingCount).toBe(pool.totalCount);
  });

  it('gives up waiting for a connection after maxWaitMs, with an error the API answers 503 for', async () => {
    const held = await Promise.all([pool.connect(), pool.connect()]);
    try {
      const waiting = sql.transaction(async () => 'never', { maxWaitMs: 200, timeoutMs: 5_000 });
      await expect(waiting).rejects.toBeInstanceOf(SqlTimeoutError);
      await expect(waiting).rejects.toSatisfy(isDatabaseUnavailable);
    } finally {
      for (const connection of held) connection.release();
    }
    // the connection the timed-out wait was promised goes back to the pool, not to a caller who left
    expect(await sql.transaction((tx) => tx.$queryRaw`SELECT 1`, IN_TIME)).toEqual([{ '?column?': 1 }]);
  });

  it('lets PostgreSQL end a transaction that runs past timeoutMs; the pool replaces the connection', async () => {
    const before = await count();
    const overdue = sql.transaction(
      async (tx) => {
        await tx.$executeRaw`INSERT INTO entry (id) VALUES (${5})`;
        await tx.$queryRaw`SELECT pg_sleep(${2})`;
      },
      { maxWaitMs: 5_000, timeoutMs: 300 },
    );

    await expect(overdue).rejects.toSatisfy(isDatabaseUnavailable);
    expect(await count()).toBe(before);
    expect(await sql.transaction((tx) => tx.$queryRaw`SELECT 1 AS ok`, IN_TIME)).toEqual([{ ok: 1 }]);
  });
});
