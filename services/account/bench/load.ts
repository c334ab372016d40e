// Closed-loop load on the bench world's service: `load.ts transfer|deposit [seconds] [connections]`. Every request
// has a fresh Idempotency-Key. Prints req/s, latency percentiles and the service's CPU per request (from /proc).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { readWorld } from './world';

const kind = process.argv[2] ?? 'transfer';
const seconds = Number(process.argv[3] ?? 20);
const connections = Number(process.argv[4] ?? 16);
const pid = Number(process.env.SERVICE_PID);
const CLOCK_TICK_MS = 10; // getconf CLK_TCK = 100

function cpuMsOf(processId: number): number {
  // fields after the ")" of comm: state is [0], utime [11], stime [12]
  const stat = readFileSync(`/proc/${processId}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

const world = readWorld();
const customers = world.customers!;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

function send(path: string, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: world.port,
        path,
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': randomUUID(),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function nextRequest(): { path: string; token: string; body: string } {
  const from = customers[Math.floor(Math.random() * customers.length)]!;
  const amountMinor = String(1 + Math.floor(Math.random() * 500));
  if (kind === 'deposit') {
    return {
      path: `/v1/accounts/${from.accountId}/deposits`,
      token: from.token,
      body: JSON.stringify({ amountMinor, currency: 'EUR' }),
    };
  }
  let to = from;
  while (to === from) to = customers[Math.floor(Math.random() * customers.length)]!;
  return {
    path: '/v1/transfers',
    token: from.token,
    body: JSON.stringify({ fromAccountId: from.accountId, toIban: to.iban, amountMinor, currency: 'EUR' }),
  };
}

async function main(): Promise<void> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const deadline = Date.now() + seconds * 1000;
  const cpuBefore = pid ? cpuMsOf(pid) : 0;
  const ownBefore = process.cpuUsage();
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const { path, token, body } = nextRequest();
        const t0 = performance.now();
        const status = await send(path, token, body).catch(() => 0);
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const cpuMs = pid ? cpuMsOf(pid) - cpuBefore : NaN;
  const own = process.cpuUsage(ownBefore);
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  const n = latencies.length;
  console.log(
    JSON.stringify({
      kind,
      connections,
      seconds: elapsed,
      requests: n,
      statuses: Object.fromEntries(statuses),
      reqPerSec: Number((n / elapsed).toFixed(1)),
      latencyMs: { p50: p(0.5), p90: p(0.9), p99: p(0.99), max: latencies[n - 1]!.toFixed(1) },
      serviceCpu: {
        ms: cpuMs,
        coreShare: Number((cpuMs / 1000 / elapsed).toFixed(2)),
        msPerRequest: Number((cpuMs / n).toFixed(1)),
      },
      loadGeneratorCpuMsPerRequest: Number(((own.user + own.system) / 1000 / n).toFixed(2)),
    }),
  );
  agent.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
