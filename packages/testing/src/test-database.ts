import { randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { StackConnections } from '@microbank/stack';
import { withDatabase, withPgClient } from './pg-client';

export interface TestDatabase {
  readonly name: string;
  /** Connects as the stack's admin role to this database. */
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database on the stack's PostgreSQL server with a Prisma migrations folder applied, for tests of
 * shared packages (a service under test gets one of its own role: `createServiceDatabase`). Drop it in afterAll.
 */
export async function createTestDatabase(stack: StackConnections, migrationsDir: string): Promise<TestDatabase> {
  const name = `test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withPgClient(stack.postgres.adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(stack.postgres.adminUrl, name);
  const migrations = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  await withPgClient(url, async (client) => {
    for (const migration of migrations) {
      await client.query(await readFile(path.join(migrationsDir, migration, 'migration.sql'), 'utf8'));
    }
  });
  return {
    name,
    url,
    drop: () => dropDatabase(stack, name),
  };
}

/** Drops a database of a test run, even while something is still connected to it. */
export async function dropDatabase(stack: StackConnections, name: string): Promise<void> {
  await withPgClient(stack.postgres.adminUrl, (admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`),
  );
}
