import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountOpenedV1,
  CardIssuedV1,
  createEvent,
  FraudAlertRaisedV1,
  TransactionPostedV1,
  TransactionPostedV2,
  UserSignedUpV1,
  type EventDefinition,
  type EventEnvelope,
  type Source,
} from '@microbank/contracts';
import { consumerGroupLag, KafkaEventTransport } from '@microbank/messaging';
import { freePort, httpRequest, waitFor, withAdmin, type ServiceUnderTest } from '@microbank/testing';
import type { ReportingConfig } from '../src/config';
import type { RebuildState } from '../src/rebuild/rebuild-state';
import { RebuildService } from '../src/rebuild/rebuild.service';
import { ReportingTestApp } from './reporting-test-app';

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
// what the rebuild keeps, and the inbox, which records when an event was handled rather than what it said
const NOT_READ_MODELS = ['_prisma_migrations', 'outbox_event', 'inbox_event'];

type Service = ServiceUnderTest<ReportingConfig, NestFastifyApplication>;

describe('rebuilding the read models from the log', () => {
  let app: ReportingTestApp;
  let service: Service;
  let db: Client;
  let analyst: string;
  let customer: string;

  const request = (method: string, token: string) => httpRequest(service.url, method, '/v1/reports/rebuild', { token });
  const rebuildState = async (): Promise<RebuildState> =>
    (await (await request('GET', analyst)).json()) as RebuildState;

  beforeAll(async () => {
    app = await ReportingTestApp.start();
    service = app.service;
    // as the stack's admin: the failure test makes a table the service's role does not own
    db = new Client({ connectionString: service.database.adminUrl });
    await db.connect();
    service.onStop(() => db.end());
    analyst = (await app.user('analyst')).token;
    customer = (await app.user('customer')).token;
    for (let i = 0; i < 3; i++) await publishCustomer(service, i);
    await caughtUp(service);
  });

  afterAll(() => app?.stop());

  it('rebuilds read models equal to the ones the live consumers built', async () => {
    const before = await snapshot(db);
    // the scripted events feed every read model: one left empty would compare equal without proving anything
    expect(Object.keys(before).length).toBeGreaterThan(0);
    expect(Object.keys(before).filter((table) => before[table]!.length === 0)).toEqual([]);

    const started = await request('POST', analyst);
    expect(started.status).toBe(202);
    expect(await started.json()).toMatchObject({ state: 'stopping', readModelsComplete: false });
    const done = await untilFinished(rebuildState);

    expect(done, done.error).toMatchObject({ state: 'caught-up', lag: 0, readModelsComplete: true });
    expect(done.eventsReplayed).toBe(3 * EVENTS_PER_CUSTOMER); // each event of the log once
    expect(await snapshot(db)).toEqual(before);
  });

  it('loses no event published while the consumers are stopped, reset and replaying', async () => {
    expect((await request('POST', analyst)).status).toBe(202);
    const during = await publishCustomer(service, 100);
    const done = await untilFinished(rebuildState);
    expect(done.state, done.error).toBe('caught-up');
    // caught up means read up to high watermarks taken after these were acknowledged: no waiting for them
    const inbox = await db.query<{ n: number }>(
      'SELECT count(DISTINCT event_id)::int AS n FROM inbox_event WHERE event_id = ANY($1::uuid[])',
      [during.map((e) => e.eventId)],
    );
    expect(inbox.rows[0]!.n).toBe(during.length);
  });

  it('refuses a second rebuild while one runs, and marks reads as incomplete meanwhile', async () => {
    expect((await request('POST', analyst)).status).toBe(202);
    const second = await request('POST', analyst);
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    // stopping and resetting take seconds: the read right after the start sees the rebuild under way
    const during = await request('GET', analyst);
    expect(during.headers.get('warning')).toMatch(/^199 .*rebuilt/);
    expect(((await during.json()) as RebuildState).readModelsComplete).toBe(false);

    const done = await untilFinished(rebuildState);
    expect(done.state, done.error).toBe('caught-up');
    expect((await request('GET', analyst)).headers.get('warning')).toBeNull();
  });

  it('lets only analysts start or follow a rebuild', async () => {
    expect((await request('POST', customer)).status).toBe(403);
    expect((await request('GET', customer)).status).toBe(403);
    expect((await httpRequest(service.url, 'POST', '/v1/reports/rebuild')).status).toBe(401);
  });

  it('fails with the reason when a step fails, and leaves the consumers running with the read models intact', async () => {
    const before = await snapshot(db);
    // a table the service's role does not own: its TRUNCATE is refused, and the transaction empties nothing
    await db.query('CREATE TABLE not_the_services (id int)');
    try {
      expect((await request('POST', analyst)).status).toBe(202);
      const done = await untilFinished(rebuildState);
      expect(done).toMatchObject({ state: 'failed', readModelsComplete: true });
      expect(done.error).toMatch(/not_the_services/);
    } finally {
      await db.query('DROP TABLE not_the_services');
    }
    const after = await publishCustomer(service, 200);
    await service.handled(...after);
    const models = await snapshot(db);
    for (const [table, rows] of Object.entries(before))
      expect(models[table]!.length).toBeGreaterThanOrEqual(rows.length);
  });

  it('runs end to end from the CLI, printing progress and a summary', async () => {
    const run = await cli({ REPORTING_URL: service.url, REPORTING_TOKEN: analyst });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^rebuild started at /);
    expect(run.stdout).toMatch(/events replayed .* events\/s {2}lag \d/);
    expect(run.stdout).toMatch(/rebuilt from \d+ events in \d+\.\d s \([\d.]+ events\/s/);
    expect((await rebuildState()).state).toBe('caught-up');
  });

  it('says so from the CLI when the service is not running', async () => {
    const run = await cli({ REPORTING_URL: `http://127.0.0.1:${await freePort()}`, REPORTING_TOKEN: analyst });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the reporting service is not answering at http:\/\/127\.0\.0\.1:\d+ .*is it running\?/);
  });

  // last: the shutdown signal cannot be taken back, so this service rebuilds nothing after it
  it('empties nothing when the service shuts down while the groups are being reset', async () => {
    const before = await snapshot(db);
    expect((await request('POST', analyst)).status).toBe(202);
    // a reset joins each group for seconds: time enough to see it
    await waitFor(async () => (await rebuildState()).state === 'resetting', {
      timeoutMs: 60_000,
      intervalMs: 50,
      what: 'the rebuild resetting the groups',
    });
    await service.app.get(RebuildService).onModuleDestroy();

    const done = await untilFinished(rebuildState);
    expect(done).toMatchObject({ state: 'failed', readModelsComplete: true });
    expect(await snapshot(db)).toEqual(before);
  });
});

const EVENTS_PER_CUSTOMER = 6;

/**
 * One customer's story across every topic the service reads: signed up, opened an account, got a card, was paid
 * (v1), paid by card (v2), and raised a fraud alert.
 */
async function publishCustomer(service: Service, n: number): Promise<EventEnvelope[]> {
  const userId = randomUUID();
  const accountId = randomUUID();
  const cardId = randomUUID();
  const day = new Date(Date.UTC(2026, 10, 1 + (n % 20), 9));
  const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000).toISOString();
  const send = <P>(definition: EventDefinition<string, number, P>, key: string, source: Source, payload: P) =>
    service.send(definition.topic, {
      ...createEvent(definition, key, payload, { source, correlationId: randomUUID() }),
      occurredAt: at(0),
    });
  const signup = await send(UserSignedUpV1, userId, 'user', {
    userId,
    email: `c${n}-${userId}@test.local`,
    fullName: `Customer ${n}`,
    country: 'FR',
  });
  const opened = await send(AccountOpenedV1, accountId, 'account', {
    ...AccountOpenedV1.example,
    accountId,
    userId,
    iban: `FR76${String(3000_0000_0000 + n).padStart(23, '0')}`,
  });
  const card = await send(CardIssuedV1, cardId, 'card', { ...CardIssuedV1.example, cardId, accountId, userId });
  const paid = await send(TransactionPostedV1, accountId, 'account', {
    ...TransactionPostedV1.example,
    transactionId: randomUUID(),
    accountId,
    userId,
    kind: 'deposit',
    direction: 'credit',
    amount: { amountMinor: String(100_000 + n), currency: 'EUR' },
    balanceAfter: { amountMinor: String(100_000 + n), currency: 'EUR' },
    postedAt: at(1),
  });
  const spent = await send(TransactionPostedV2, accountId, 'account', {
    ...TransactionPostedV2.example,
    transactionId: randomUUID(),
    accountId,
    userId,
    amount: { amountMinor: String(1_099 + n), currency: 'EUR' },
    balanceAfter: { amountMinor: String(100_000 + n - 1_099 - n), currency: 'EUR' },
    card: { ...TransactionPostedV2.example.card!, cardId, authorizationId: randomUUID() },
    postedAt: at(2),
  });
  const alert = await send(FraudAlertRaisedV1, randomUUID(), 'fraud', {
    ...FraudAlertRaisedV1.example,
    alertId: randomUUID(),
    userId,
    accountId,
    cardId,
    evidence: [spent.payload.transactionId],
  });
  return [signup, opened, card, paid, spent, alert];
}

/** Resolves once every consumer group of the service has read its topics up to the high watermarks. */
async function caughtUp(service: Service): Promise<void> {
  const transport = service.app.get(KafkaEventTransport);
  await withAdmin(service.kafka, (admin) =>
    waitFor(
      async () => {
        const lags = await Promise.all(
          transport.consumerGroups().map((g) => consumerGroupLag(admin, g.groupId, g.topics, g.finished)),
        );
        return lags.every((l) => l.lag === 0n);
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'every consumer group caught up' },
    ),
  );
}

async function untilFinished(state: () => Promise<RebuildState>): Promise<RebuildState> {
  let last: RebuildState | undefined;
  await waitFor(
    async () => {
      last = await state();
      return last.state === 'caught-up' || last.state === 'failed';
    },
    { timeoutMs: 120_000, intervalMs: 200, what: 'the rebuild caught up or failed' },
  );
  return last!;
}

/**
 * Every read model as sorted rows, without the columns the database fills at insert time (now() defaults,
 * identities, sequences): those say when or in which order a row was written, not what the log said.
 */
async function snapshot(db: Client): Promise<Record<string, string[]>> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND NOT (table_name = ANY($1::text[]))
       AND is_identity = 'NO'
       AND coalesce(column_default, '') !~* '(now\\(\\)|current_timestamp|nextval)'
     ORDER BY table_name, ordinal_position`,
    [NOT_READ_MODELS],
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const tables: Record<string, string[]> = {};
  for (const [table, names] of byTable) {
    const list = names.map((n) => `"${n.replaceAll('"', '""')}"`).join(', ');
    const { rows } = await db.query<{ row: string }>(`SELECT json_build_array(${list})::text AS row FROM "${table}"`);
    tables[table] = rows.map((r) => r.row).sort();
  }
  return tables;
}

function cli(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'rebuild'], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
