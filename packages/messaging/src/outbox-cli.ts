#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { OutboxInspector, pgRawQuery } from './outbox-inspector';

const USAGE = `Usage: pnpm outbox <command> [options]

Commands:
  list [service ...]                 each service's pending rows, relay lag and parked rows (default: all)
  retry <service> [--id ID ...]      hand parked rows back to the relay (all of the service's, or these ids)

Databases come from the running stack: .stack/connections.json (MICROBANK_STACK_DIR moves it).`;

interface Connections {
  postgres: { services: Record<string, { url: string }> };
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { id: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...services] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 1;
    return;
  }
  const urls = await databaseUrls();
  const unknown = services.filter((s) => !urls.has(s));
  if (unknown.length)
    throw new Error(`no database for ${unknown.join(', ')}: the services are ${[...urls.keys()].join(', ')}`);

  switch (command) {
    case 'list':
      for (const service of services.length ? services : [...urls.keys()]) {
        await withInspector(urls.get(service)!, (outbox) => printService(service, outbox));
      }
      return;
    case 'retry': {
      if (services.length !== 1) throw new Error(`retry takes one service\n\n${USAGE}`);
      const released = await withInspector(urls.get(services[0]!)!, (outbox) => outbox.retry(values.id));
      console.log(`handed ${released} parked row(s) of ${services[0]} back to its relay`);
      return;
    }
    default:
      throw new Error(`unknown command '${command}'\n\n${USAGE}`);
  }
}

async function printService(service: string, outbox: OutboxInspector): Promise<void> {
  const status = await outbox.status().catch((error: { code?: string }) => {
    if (error.code === '42P01') return undefined; // no outbox table: the service has not started here yet
    throw error;
  });
  if (!status) {
    console.log(`${service.padEnd(10)} no outbox yet (the service has not migrated its database)`);
    return;
  }
  console.log(
    `${service.padEnd(10)} ${status.pending} pending, lag ${(status.lagMs / 1000).toFixed(1)}s, ${status.parked} parked`,
  );
  for (const row of await outbox.parked()) {
    console.log(
      `  #${row.id}  ${row.eventType} ${row.eventId} → ${row.topic} (key ${row.key})` +
        `\n    parked ${row.parkedAt.toISOString()} after ${row.attempts} attempt(s); ${row.waitingBehind} later row(s) of its key wait` +
        `\n    ${row.lastError ?? ''}`,
    );
  }
}

async function databaseUrls(): Promise<Map<string, string>> {
  const stackDir = process.env.MICROBANK_STACK_DIR ?? path.resolve(__dirname, '..', '..', '..', '.stack');
  const file = path.join(stackDir, 'connections.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`No stack is up (${file} is missing): start it with 'pnpm stack up'.`);
  });
  const connections = JSON.parse(text) as Connections;
  return new Map(Object.entries(connections.postgres.services).map(([name, db]) => [name, db.url]));
}

async function withInspector<T>(url: string, work: (outbox: OutboxInspector) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(new OutboxInspector(pgRawQuery(client)));
  } finally {
    await client.end();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
