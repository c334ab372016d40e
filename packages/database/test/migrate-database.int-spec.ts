import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, stackConnections, type TestDatabase } from '@microbank/testing';
import { migrateDatabase } from '../src';

describe('migrateDatabase', () => {
  let database: TestDatabase;
  let migrations: string;

  const addMigration = async (name: string, sql: string) => {
    await mkdir(path.join(migrations, name), { recursive: true });
    await writeFile(path.join(migrations, name, 'migration.sql'), sql);
  };
  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    migrations = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    const empty = await mkdtemp(path.join(tmpdir(), 'no-migrations-'));
    database = await createTestDatabase(await stackConnections(), empty);
    await rm(empty, { recursive: true });
  });

  afterAll(async () => {
    await database?.drop();
    await rm(migrations, { recursive: true, force: true });
  });

  it('applies pending migrations in name order, once, recording them as prisma migrate deploy does', async () => {
    await addMigration('20260101000000_init', 'CREATE TABLE account (id text PRIMARY KEY);');
    await addMigration('20260102000000_balance', 'ALTER TABLE account ADD COLUMN balance bigint NOT NULL DEFAULT 0;');

    expect(await migrateDatabase(database.url, migrations)).toEqual(['20260101000000_init', '20260102000000_balance']);
    expect(await migrateDatabase(database.url, migrations)).toEqual([]);

    const recorded = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(['20260101000000_init', '20260102000000_balance']);
    expect(recorded.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at !== null)).toBe(true);
    expect(await query('SELECT balance FROM account')).toEqual([]);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    await addMigration('20260101000000_init', 'CREATE TABLE account (id uuid PRIMARY KEY);');

    await expect(migrateDatabase(database.url, migrations)).rejects.toThrow(/was edited after it was applied/);
  });

  it('rolls back a failing migration whole and records nothing for it', async () => {
    const fresh = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    await mkdir(path.join(fresh, '20260201000000_broken'));
    await writeFile(
      path.join(fresh, '20260201000000_broken', 'migration.sql'),
      'CREATE TABLE half (id int); SELECT * FROM missing;',
    );

    await expect(migrateDatabase(database.url, fresh)).rejects.toThrow(/20260201000000_broken failed/);
    expect(await query("SELECT 1 FROM pg_tables WHERE tablename = 'half'")).toEqual([]);
    expect(await query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '20260201000000_broken'`)).toEqual(
      [],
    );
    await rm(fresh, { recursive: true });
  });
});
