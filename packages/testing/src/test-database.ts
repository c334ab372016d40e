import { randomUUID } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import type { StackConnections } from '@microbank/stack';

export interface TestDatabase {
  readonly name: string;
  /** Connects as the stack's admin role to this database. */
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database on the stack's PostgreSQL server with a Prisma migrations folder applied, for tests of
 * shared packages (services test against their own database). Drop it in afterAll.
 */
export async function createTestDatabase(stack: StackConnections, migrationsDir: string): Promise<TestDatabase> {
  const name = `test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withClient(stack.postgres.adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(stack.postgres.adminUrl);
  url.pathname = `/${name}`;
  const migrations = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  await withClient(url.toString(), async (client) => {
    for (const migration of migrations) {
      await client.query(await readFile(path.join(migrationsDir, migration, 'migration.sql'), 'utf8'));
    }
  });
  return {
    name,
    url: url.toString(),
    drop: () =>
      withClient(stack.postgres.adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
