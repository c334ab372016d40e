#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { Stack, loadStackConfig, readConnections } from '@microbank/stack';
import { passed, runScenario } from './run-scenario';
import { renderScenario } from './report-table';
import { SCENARIOS, scenarioNamed } from './scenarios';

const USAGE = `Usage: pnpm chaos [scenario ...] [--rounds N] [--clients N]

Runs each scenario (default: all) against the running stack: the account service, started on a database and
topics of its own, takes a transfer/deposit/withdrawal load while the fault is injected and repaired; then the
audit counts events promised by the outbox against events on Kafka, and checks the ledger.

Scenarios:
${SCENARIOS.map((s) => `  ${s.name.padEnd(17)} ${s.title} (${s.rounds} round${s.rounds > 1 ? 's' : ''})`).join('\n')}

Exits non-zero if any event was lost or money was not conserved. Needs 'pnpm stack up' (full profile).`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rounds: { type: 'string' },
      clients: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scenarios = positionals.length ? positionals.map(scenarioNamed) : SCENARIOS;
  const config = loadStackConfig();
  const connections = await readConnections(config);
  if (!connections) throw new Error("No Microbank stack is up: start it with 'pnpm stack up'.");
  if (connections.profile !== 'full') {
    throw new Error(
      `Chaos needs the full profile (3 brokers, 3 ZooKeeper nodes); the ${connections.profile} one is up.`,
    );
  }
  const stack = new Stack(loadStackConfig(process.env, { profile: connections.profile }));
  const started = Date.now();
  let failures = 0;
  for (const scenario of scenarios) {
    console.log(`\n▸ ${scenario.title}`);
    const result = await runScenario(stack, connections, scenario, {
      rounds: values.rounds === undefined ? undefined : Number(values.rounds),
      clients: values.clients === undefined ? undefined : Number(values.clients),
      log: (line) => console.log(line),
    });
    console.log(`\n${renderScenario(result)}\n`);
    if (!passed(result)) failures++;
    console.log(passed(result) ? '✓ no event lost, money conserved' : '✗ FAILED: events lost or money not conserved');
  }
  console.log(
    `\n${scenarios.length - failures} of ${scenarios.length} scenarios passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`,
  );
  if (failures) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`\nchaos: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
