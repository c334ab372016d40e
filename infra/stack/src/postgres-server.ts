import path from 'node:path';
import { Client } from 'pg';
import type { PostgresConnections } from './connections-file';
import type { ManagedProcess } from './managed-process';
import {
  adminUrl,
  embeddedPostgresProcess,
  initialiseEmbeddedPostgres,
  loadOrCreateCredentials,
  provisionServiceDatabases,
  verifyServiceLogins,
  type ServiceDatabase,
} from './postgres';
import { failIfDied, startIfStopped } from './process-start';
import type { Reporter } from './reporter';
import type { ServiceName } from './services';
import type { StackConfig } from './stack-config';
import type { StackLayout } from './stack-layout';
import { waitFor } from './wait-for';

/** PostgreSQL, embedded here or external (MICROBANK_POSTGRES_ADMIN_URL), with one database and role per service. */
export class PostgresServer {
  constructor(
    private readonly config: StackConfig,
    private readonly layout: StackLayout,
    private readonly reporter: Reporter,
  ) {}

  /** The server process this stack runs: none for an external server. */
  async processes(): Promise<ManagedProcess[]> {
    return this.config.postgresAdminUrl === undefined ? [await this.embedded()] : [];
  }

  async start(): Promise<PostgresConnections> {
    return this.reporter.step('starting PostgreSQL and the service databases', async (progress) => {
      const credentials = await loadOrCreateCredentials(path.join(this.layout.dataDir, 'postgres-credentials.json'));
      let admin = this.config.postgresAdminUrl;
      if (admin === undefined) {
        progress('initialising the data directory');
        await initialiseEmbeddedPostgres(this.dataDir, credentials);
        const server = await this.embedded();
        const started = await startIfStopped(server, [this.config.postgresPort]);
        admin = adminUrl('127.0.0.1', this.config.postgresPort, credentials);
        const url = admin;
        progress('waiting for connections');
        await waitFor(() => canConnect(url), {
          timeoutMs: 60_000,
          intervalMs: 250,
          what: 'PostgreSQL to accept connections',
          onPending: () => failIfDied(started ? [server] : []),
        });
      }
      progress('creating databases and roles');
      const databases = await provisionServiceDatabases(admin, credentials.servicePasswords);
      await verifyServiceLogins(databases);
      return {
        adminUrl: admin,
        services: Object.fromEntries(databases.map((db) => [db.service, db])) as Record<ServiceName, ServiceDatabase>,
      };
    });
  }

  private get dataDir(): string {
    return path.join(this.layout.dataDir, 'postgres');
  }

  private embedded(): Promise<ManagedProcess> {
    return embeddedPostgresProcess(this.dataDir, this.config.postgresPort, this.layout.runDir, this.layout.logDir);
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}
