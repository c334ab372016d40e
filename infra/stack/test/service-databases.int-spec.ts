import { Client } from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICES, databaseOf, roleOf, type ServiceName } from '../src';
import { runningStack, type RunningStack } from './support';

describe('one database and one role per service', () => {
  let env: RunningStack;

  beforeAll(async () => {
    env = await runningStack();
  });

  async function connectAs(role: ServiceName, database: string): Promise<Client> {
    const url = new URL(env.connections.postgres.services[role].url);
    url.pathname = `/${database}`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    return client;
  }

  it.each(SERVICES)('lets the %s role into its own database, as owner', async (service) => {
    const client = await connectAs(service, databaseOf(service));
    try {
      const { rows } = await client.query<{ user: string; db: string; owner: string }>(
        'SELECT current_user AS user, current_database() AS db, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()',
      );
      expect(rows[0]).toEqual({ user: roleOf(service), db: databaseOf(service), owner: roleOf(service) });
      // owning the public schema is what lets the service run its own migrations
      await client.query('CREATE TEMP TABLE probe (id int)');
    } finally {
      await client.end();
    }
  });

  it.each(SERVICES)('refuses the %s role in every other service database', async (service) => {
    for (const other of SERVICES.filter((s) => s !== service)) {
      await expect(connectAs(service, databaseOf(other)), `${service} -> ${other}`).rejects.toMatchObject({
        code: '42501', // insufficient_privilege: "permission denied for database"
      });
    }
  });

  it('keeps the service roles unprivileged', async () => {
    const admin = new Client({ connectionString: env.connections.postgres.adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{
        rolname: string;
        rolsuper: boolean;
        rolcreatedb: boolean;
        rolcreaterole: boolean;
      }>(
        'SELECT rolname, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname',
        [SERVICES.map(roleOf)],
      );
      expect(rows).toHaveLength(SERVICES.length);
      expect(rows.every((r) => !r.rolsuper && !r.rolcreatedb && !r.rolcreaterole)).toBe(true);
    } finally {
      await admin.end();
    }
  });
});
