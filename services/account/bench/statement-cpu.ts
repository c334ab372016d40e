// PostgreSQL's CPU per statement of a transfer, measured on the server: one connection (pool of one), its backend's
// utime+stime from /proc around every statement, summed by statement over many transfers (run on the bench world
// after bench/fund.ts, on the same machine as the server). `statement-cpu.ts [transfers]`; PLAN_CACHE_MODE=
// force_generic_plan or force_custom_plan shows what planning costs.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { SqlClient, createPool } from '@microbank/database';
import { OutboxWriter, TopicNames } from '@microbank/messaging';
import { IdempotencyRepository } from '../src/idempotency/idempotency.repository';
import { LedgerRepository } from '../src/ledger/ledger.repository';
import { LedgerService } from '../src/ledger/ledger.service';
import type { PrismaService } from '../src/database/prisma.service';
import { readWorld } from './world';

const TRANSFERS = Number(process.argv[2] ?? 2000);

function backendTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function main(): Promise<void> {
  const world = readWorld();
  const customers = world.customers!;
  const pool = createPool(world.databaseUrl, { max: 1 });
  const sql = new SqlClient(pool);
  const { pid } = (await sql.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!;
  if (process.env.PLAN_CACHE_MODE) await pool.query(`SET plan_cache_mode = ${process.env.PLAN_CACHE_MODE}`);

  const cpu = new Map<string, { ticks: number; calls: number }>();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped below, called with `this`
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = async function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text: string };
    const text = (typeof config === 'string' ? config : config.text).replace(/\s+/g, ' ').trim().slice(0, 70);
    const before = backendTicks(pid);
    const result = await (query as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    const entry = cpu.get(text) ?? { ticks: 0, calls: 0 };
    entry.ticks += backendTicks(pid) - before;
    entry.calls += 1;
    cpu.set(text, entry);
    return result;
  } as never;

  const keys = new IdempotencyRepository(sql);
  const ledger = new LedgerService(
    new LedgerRepository(undefined as unknown as PrismaService),
    new OutboxWriter(new TopicNames(world.prefix)),
  );
  for (let i = 0; i < TRANSFERS; i++) {
    const from = customers[i % customers.length]!;
    const to = customers[(i + 1) % customers.length]!;
    const key = randomUUID();
    const claim = (await keys.claim(from.userId, key, 'hash'))!;
    await sql.transaction(
      async (tx) => {
        const view = await ledger.transfer(
          tx,
          {
            actor: { userId: from.userId, role: 'customer' },
            origin: { correlationId: randomUUID(), causationId: null },
          },
          from.accountId,
          to.iban,
          { amountMinor: 1n, currency: 'EUR', reference: null },
        );
        await keys.complete(tx, from.userId, key, claim, { status: 201, body: view });
      },
      { maxWaitMs: 5_000, timeoutMs: 5_000 },
    );
  }
  pg.Client.prototype.query = query;
  await pool.end();

  const rows = [...cpu.entries()].sort((a, b) => b[1].ticks - a[1].ticks);
  const total = rows.reduce((sum, [, e]) => sum + e.ticks, 0);
  console.log(
    `${TRANSFERS} transfers, one connection: backend CPU ${((total * 10) / TRANSFERS).toFixed(2)} ms per transfer`,
  );
  for (const [text, e] of rows) {
    console.log(
      `${((e.ticks * 10) / e.calls).toFixed(3).padStart(7)} ms/call ${String(e.calls).padStart(6)}×  ${text}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
