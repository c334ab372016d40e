// CPU per database statement, the same statement three ways on the bench world's database: the pg pool directly,
// Prisma $queryRaw, and the Prisma model API (as the repositories issue them). Sequential, so CPU ≈ client work.
import { connectDatabase } from '@microbank/service-kit';
import { PrismaClient } from '../dist/generated/prisma/client';
import { readWorld } from './world';

const N = Number(process.env.N ?? 2000);

async function cpuPerCall(label: string, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 200; i++) await call(); // warm up the JIT and the compiler's caches
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < N; i++) await call();
  const used = process.cpuUsage(cpu);
  const us = (used.user + used.system) / N;
  console.log(
    `${(us / 1000).toFixed(3).padStart(7)} ms CPU ${((performance.now() - wall) / N).toFixed(3).padStart(7)} ms wall  ${label}`,
  );
}

async function main(): Promise<void> {
  const world = readWorld();
  const database = connectDatabase(PrismaClient, world.databaseUrl);
  const { client: prisma, pool } = database;
  const accountId = world.customers![0]!.accountId;
  await cpuPerCall('pg pool.query: SELECT id FROM account WHERE kind, currency', () =>
    pool.query(`SELECT id FROM account WHERE kind = 'clearing' AND currency = $1 LIMIT 1`, ['EUR']),
  );
  await cpuPerCall(
    'prisma $queryRaw: the same SELECT',
    () => prisma.$queryRaw`SELECT id FROM account WHERE kind = 'clearing' AND currency = ${'EUR'}::"Currency" LIMIT 1`,
  );
  await cpuPerCall('prisma account.findFirst({ kind, currency }) (findClearingAccount)', () =>
    prisma.account.findFirst({ where: { kind: 'clearing', currency: 'EUR' }, select: { id: true } }),
  );
  await cpuPerCall('prisma account.findUnique({ id }) (full row)', () =>
    prisma.account.findUnique({ where: { id: accountId } }),
  );
  await cpuPerCall('pg: BEGIN; COMMIT on one client', async () => {
    const c = await pool.connect();
    await c.query('BEGIN');
    await c.query('COMMIT');
    c.release();
  });
  await cpuPerCall('prisma $transaction(async () => {}) (BEGIN; COMMIT)', () =>
    prisma.$transaction(async () => undefined),
  );
  await cpuPerCall('prisma $transaction with one $executeRaw SELECT pg_notify', () =>
    prisma.$transaction(async (tx) => tx.$executeRaw`SELECT pg_notify('bench_nobody_listens', '')`),
  );
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
