/**
 * `pnpm bench:money`: the account service's money movements next to what the same machine does without them, in one
 * run on the running stack: pgbench's TPC-B-like transaction on the same PostgreSQL at the same client count, a bare
 * Fastify route, transfers among 1,000 and among 20 accounts, deposits in one currency, and the outbox's
 * commit-to-publish latency under that load. Uses a database, topics and keys of its own; removes them at the end.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { StackConnections } from '@microbank/stack';
import { dropDatabase, freePort, signTestToken, stackConnections, waitFor } from '@microbank/testing';
import { ProcessCpu, type ProcessGroups } from './process-cpu';
import { createWorld, removeWorld, type World } from './world';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 5);
// freshly started brokers spend their first minutes of load JIT-compiling (a third of their CPU, measured)
const SYSTEM_WARM_UP_SECONDS = Number(process.env.BENCH_SYSTEM_WARM_UP_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ACCOUNTS = 1_000;
const HOT_ACCOUNTS = 20;
const PGBENCH_SCALE = 10;
const OPENING_DEPOSIT = '100000000'; // 1,000,000.00 EUR, the per-movement maximum: no transfer runs out of money
// another checkout's built service may be measured with this bench (before/after): BENCH_SERVICE_DIR=/path/services/account
const SERVICE_DIR = process.env.BENCH_SERVICE_DIR ?? path.join(__dirname, '..');

interface Customer {
  readonly token: string;
  readonly accountId: string;
  readonly iban: string;
}

interface Measured {
  readonly name: string;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failed: number;
  readonly cpuMsPerOp: Record<string, number>;
  readonly outbox?: { p50Ms: number; p99Ms: number; events: number };
}

function step(message: string): void {
  console.log(`▸ ${message}`);
}

async function main(): Promise<void> {
  const stack = await stackConnections();
  step('creating a database, topics and keys of the bench’s own');
  const world = await createWorld(stack);
  const children: ChildProcess[] = [];
  const pgbenchDatabase = `bench_pgbench_${world.id}`;
  try {
    const service = await startService(world);
    children.push(service);
    const groups = processGroups(service.pid!);

    step(`opening and funding ${ACCOUNTS} accounts (one customer each)`);
    const customers = await openAndFund(world, ACCOUNTS);

    step(`warming up the whole system (Kafka's JIT above all): ${SYSTEM_WARM_UP_SECONDS} s of transfers`);
    await httpLoad('warm-up', world.port, groups, transfers(customers), SYSTEM_WARM_UP_SECONDS);

    const results: Measured[] = [];
    step(`pgbench TPC-B-like, scale ${PGBENCH_SCALE}, ${CONNECTIONS} clients, ${SECONDS} s`);
    results.push(await pgbench(stack, pgbenchDatabase, groups));

    const bare = await startBareRoute();
    children.push(bare.child);
    step(`a bare Fastify route, ${CONNECTIONS} connections, ${SECONDS} s`);
    results.push(
      await httpLoad('bare Fastify route', bare.port, groups, () => ({
        path: '/v1/echo',
        token: '',
        body: JSON.stringify({ amountMinor: '100', currency: 'EUR' }),
      })),
    );
    bare.child.kill('SIGTERM');

    const outbox = new ServiceDatabase(world.databaseUrl);
    try {
      for (const [name, pool] of [
        [`POST /v1/transfers, ${ACCOUNTS} accounts`, customers],
        [`POST /v1/transfers, ${HOT_ACCOUNTS} accounts`, customers.slice(0, HOT_ACCOUNTS)],
      ] as const) {
        step(`${name}, ${CONNECTIONS} connections, ${SECONDS} s`);
        results.push(await withOutboxLatency(outbox, () => httpLoad(name, world.port, groups, transfers(pool))));
      }
      const depositName = `POST /v1/accounts/:id/deposits, EUR, ${ACCOUNTS} accounts`;
      step(`${depositName}, ${CONNECTIONS} connections, ${SECONDS} s`);
      results.push(
        await withOutboxLatency(outbox, () => httpLoad(depositName, world.port, groups, deposits(customers))),
      );
    } finally {
      await outbox.close();
    }
    await report(stack, results);
  } finally {
    step('removing the bench’s database, topics and processes');
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => exited(child)));
    await dropDatabase(stack, pgbenchDatabase);
    await removeWorld(stack, world);
  }
}

/** The built service (`pnpm build`), alone on the bench's world; its request logs are dropped, its errors shown. */
async function startService(world: World): Promise<ChildProcess> {
  step(`starting the account service (${path.join(SERVICE_DIR, 'dist/main.js')})`);
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: SERVICE_DIR,
    env: {
      ...process.env,
      DATABASE_URL: world.databaseUrl,
      KAFKA_BROKERS: world.brokers.join(','),
      KAFKA_TOPIC_PREFIX: world.prefix,
      PORT: String(world.port),
      JWT_PUBLIC_KEY: world.publicKey,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${world.port}/health/ready`).catch(() => undefined))?.ok === true,
    {
      timeoutMs: 120_000,
      what: 'the account service to be ready',
      onPending: () => {
        if (child.exitCode !== null) throw new Error(`the account service exited with ${child.exitCode}`);
      },
    },
  );
  return child;
}

function processGroups(servicePid: number): ProcessGroups {
  return {
    'account service': ({ pid }) => pid === servicePid,
    PostgreSQL: ({ comm }) => comm === 'postgres',
    Kafka: ({ cmdline }) => cmdline.includes('kafka.Kafka'),
    ZooKeeper: ({ cmdline }) => cmdline.includes('QuorumPeerMain'),
    'load generator': ({ pid, comm }) => pid === process.pid || comm === 'pgbench',
    'bare route': ({ cmdline }) => cmdline.includes('bare-route.cjs'),
  };
}

async function openAndFund(world: World, count: number): Promise<Customer[]> {
  const base = `http://127.0.0.1:${world.port}`;
  const open = async (): Promise<Customer> => {
    const userId = randomUUID();
    const token = await signTestToken(
      world.privateKey,
      { userId, email: `${userId}@bench.microbank.local`, role: 'customer' },
      { expiresIn: '2h' },
    );
    const account = await post(`${base}/v1/accounts`, token, { currency: 'EUR' });
    await post(`${base}/v1/accounts/${account.id}/deposits`, token, { amountMinor: OPENING_DEPOSIT, currency: 'EUR' });
    return { token, accountId: account.id!, iban: account.iban! };
  };
  const customers: Customer[] = [];
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (customers.length < count) customers.push(await open());
    }),
  );
  return customers.slice(0, count);
}

async function post(url: string, token: string, body: unknown): Promise<Record<string, string>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, string>;
}

type NextRequest = () => { path: string; token: string; body: string };

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const amount = (): string => String(1 + Math.floor(Math.random() * 500));

function transfers(customers: readonly Customer[]): NextRequest {
  return () => {
    const from = pick(customers);
    let to = pick(customers);
    while (to === from) to = pick(customers);
    return {
      path: '/v1/transfers',
      token: from.token,
      body: JSON.stringify({ fromAccountId: from.accountId, toIban: to.iban, amountMinor: amount(), currency: 'EUR' }),
    };
  };
}

function deposits(customers: readonly Customer[]): NextRequest {
  return () => {
    const to = pick(customers);
    return {
      path: `/v1/accounts/${to.accountId}/deposits`,
      token: to.token,
      body: JSON.stringify({ amountMinor: amount(), currency: 'EUR' }),
    };
  };
}

/** A warm-up, then a closed loop of CONNECTIONS keep-alive connections for SECONDS, each request with a fresh key. */
async function httpLoad(
  name: string,
  port: number,
  groups: ProcessGroups,
  next: NextRequest,
  seconds = SECONDS,
): Promise<Measured> {
  const run = (seconds: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          setupRequest: (request) => {
            const { path: requestPath, token, body } = next();
            return {
              ...request,
              method: 'POST',
              path: requestPath,
              body,
              headers: {
                'content-type': 'application/json',
                'idempotency-key': randomUUID(),
                ...(token ? { authorization: `Bearer ${token}` } : {}),
              },
            };
          },
        },
      ],
    });
  await run(WARM_UP_SECONDS);
  const cpu = ProcessCpu.start(groups);
  const result = await run(seconds);
  const used = cpu.stop();
  const ok = result.statusCodeStats?.['201']?.count ?? 0;
  return {
    name,
    perSecond: Number(ok) / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: result.non2xx + result.errors,
    cpuMsPerOp: perOp(used, Number(ok)),
  };
}

function perOp(used: Record<string, number>, operations: number): Record<string, number> {
  return Object.fromEntries(Object.entries(used).map(([group, ms]) => [group, ms / operations]));
}

async function startBareRoute(): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, 'bare-route.cjs')], {
    cwd: __dirname,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`the bare route exited with ${code}`)));
  });
  return { child, port };
}

/** PostgreSQL's own pgbench (the embedded server ships none: the system's, any version ≥ 13, works against it). */
function pgbenchBinary(): string {
  const candidates = [
    ...(process.env.PGBENCH ? [process.env.PGBENCH] : []),
    ...(process.env.PATH ?? '').split(':').map((dir) => path.join(dir, 'pgbench')),
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((version) => `/usr/lib/postgresql/${version}/bin/pgbench`)
      : []),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      'pgbench not found: install it (Debian: apt-get install postgresql-15) or set PGBENCH=/path/to/pgbench',
    );
  }
  return found;
}

async function pgbench(stack: StackConnections, database: string, groups: ProcessGroups): Promise<Measured> {
  const binary = pgbenchBinary();
  const admin = new pg.Client({ connectionString: stack.postgres.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(stack.postgres.adminUrl);
  url.pathname = `/${database}`;
  const init = spawnSync(binary, ['-i', '-q', '-s', String(PGBENCH_SCALE), url.toString()], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);

  const logs = mkdtempSync(path.join(os.tmpdir(), 'microbank-pgbench-'));
  try {
    const cpu = ProcessCpu.start(groups);
    const run = spawn(
      binary,
      [
        ...['-c', String(CONNECTIONS), '-j', '2', '-T', String(SECONDS), '-M', 'prepared'],
        ...['-l', `--log-prefix=${path.join(logs, 'tx')}`, url.toString()],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await exited(run);
    const used = cpu.stop();
    if (code !== 0) throw new Error(`pgbench failed: ${output}`);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
    // per-transaction log lines: client, transaction number, latency in µs, script, epoch s, µs
    const latencies = readdirSync(logs)
      .flatMap((file) => readFileSync(path.join(logs, file), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    return {
      name: `pgbench TPC-B-like, scale ${PGBENCH_SCALE}`,
      perSecond: tps,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      failed: 0,
      cpuMsPerOp: perOp(used, latencies.length),
    };
  } finally {
    rmSync(logs, { recursive: true, force: true });
  }
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Reads the service's outbox: how long each event of a window waited from its transaction to Kafka's ack. */
class ServiceDatabase {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 1 });
  }

  async now(): Promise<Date> {
    return (await this.pool.query<{ now: Date }>('SELECT clock_timestamp() AS now')).rows[0]!.now;
  }

  async latency(from: Date, to: Date): Promise<{ p50Ms: number; p99Ms: number; events: number }> {
    await waitFor(
      async () => {
        const { rows } = await this.pool.query<{ waiting: string }>(
          'SELECT count(*) AS waiting FROM outbox_event WHERE published_at IS NULL AND created_at <= $1',
          [to],
        );
        return rows[0]!.waiting === '0';
      },
      { timeoutMs: 60_000, what: 'the outbox to publish the window’s events' },
    );
    const { rows } = await this.pool.query<{ p50: number; p99: number; events: string }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, count(*) AS events
         FROM (SELECT extract(epoch FROM published_at - created_at) * 1000 AS ms
                 FROM outbox_event WHERE created_at BETWEEN $1 AND $2) AS event`,
      [from, to],
    );
    return { p50Ms: rows[0]!.p50, p99Ms: rows[0]!.p99, events: Number(rows[0]!.events) };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

async function withOutboxLatency(database: ServiceDatabase, run: () => Promise<Measured>): Promise<Measured> {
  // the measured window starts after the warm-up: take the outbox rows of the last SECONDS
  const measured = await run();
  const to = await database.now();
  const from = new Date(to.getTime() - SECONDS * 1000);
  return { ...measured, outbox: await database.latency(from, to) };
}

async function report(stack: StackConnections, results: readonly Measured[]): Promise<void> {
  const client = new pg.Client({ connectionString: stack.postgres.adminUrl });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  const cpus = os.cpus();
  console.log(
    `\nOne run on ${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${rows[0]!.server_version}, Kafka RF ${stack.kafka.replicationFactor} (acks=all); ${CONNECTIONS} clients/connections, ${SECONDS} s each after ${WARM_UP_SECONDS} s of warm-up\n`,
  );
  const pgbenchTps = results[0]!.perSecond;
  const groups = Object.keys(results[0]!.cpuMsPerOp);
  const head = ['', 'per s', 'vs pgbench', 'p50 ms', 'p99 ms', 'failed', ...groups.map((g) => `${g} CPU ms/op`)];
  const rowsOut = results.map((r) => [
    r.name,
    r.perSecond.toFixed(0),
    `${((r.perSecond / pgbenchTps) * 100).toFixed(1)} %`,
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    String(r.failed),
    ...groups.map((g) => (r.cpuMsPerOp[g] ?? 0).toFixed(2)),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rowsOut.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  for (const row of rowsOut) console.log(line(row));
  console.log('\nOutbox, commit to Kafka ack (from the transaction’s start: an upper bound), under each load:');
  for (const r of results.filter((result) => result.outbox)) {
    console.log(
      `  ${r.name.padEnd(widths[0]!)}  p50 ${r.outbox!.p50Ms.toFixed(0)} ms, p99 ${r.outbox!.p99Ms.toFixed(0)} ms (${r.outbox!.events} events)`,
    );
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
