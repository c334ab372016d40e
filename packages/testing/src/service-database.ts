import { randomUUID } from 'node:crypto';
import type { ServiceName, StackConnections } from '@microbank/stack';
import { withDatabase, withPgClient } from './pg-client';
import { dropDatabase } from './test-database';

export interface ServiceTestDatabase {
  readonly name: string;
  /** Connects as the service's own login role, with the privileges it has in production. */
  readonly url: string;
  /** Connects as the stack's admin role, for checks a test makes behind the service's back. */
  readonly adminUrl: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database owned by `service`'s login role, so a test or experiment runs the service with its real
 * privileges and never touches the demo's data. Drop it afterwards; migrating it is the caller's (or the service's).
 */
export async function createServiceDatabase(
  stack: StackConnections,
  service: ServiceName,
  options: { name?: string } = {},
): Promise<ServiceTestDatabase> {
  const name = options.name ?? `test_${service}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const login = stack.postgres.services[service];
  await withPgClient(stack.postgres.adminUrl, async (admin) => {
    const database = admin.escapeIdentifier(name);
    const role = admin.escapeIdentifier(login.role);
    await admin.query(`CREATE DATABASE ${database} OWNER ${role} ENCODING 'UTF8'`);
    // as the stack provisions the service's own database: no other role may connect
    await admin.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${role}`);
  });
  return {
    name,
    url: withDatabase(login.url, name),
    adminUrl: withDatabase(stack.postgres.adminUrl, name),
    drop: () => dropDatabase(stack, name),
  };
}
