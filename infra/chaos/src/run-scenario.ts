import { waitFor, type Stack, type StackConnections } from '@microbank/stack';
import { audit, type Audit } from './audit';
import { ChaosWorld } from './chaos-world';
import { LoadGenerator, type LoadCounts } from './load-generator';
import { RecoveryMonitor } from './recovery-monitor';
import type { Scenario } from './scenarios';

export interface RoundResult extends Audit, LoadCounts {
  readonly round: number;
  readonly fault: string;
  readonly recoverMs: number;
  /** Relay batches that KafkaJS resolved without proof for every partition, and that were therefore sent again. */
  readonly unprovenBatches: number;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly rounds: readonly RoundResult[];
}

export interface RunOptions {
  /** Rounds instead of the scenario's own count. */
  readonly rounds?: number;
  /** Concurrent clients. */
  readonly clients?: number;
  readonly customers?: number;
  /** Requests accepted before the fault, and after its repair, in each round. */
  readonly requestsAround?: number;
  readonly log?: (line: string) => void;
}

/** The pass rule: no promised event missing from Kafka, and every ledger rule holds. */
export function passed(result: ScenarioResult): boolean {
  return result.rounds.every((r) => r.eventsLost === 0 && r.moneyProblems.length === 0);
}

/**
 * Runs one scenario on a world of its own: in each round the load runs, the fault is injected and held, then
 * repaired; the load stops once the service has recovered, the outbox drains, and the audit counts. Counts are
 * cumulative over the rounds: the last row is the scenario's total.
 */
export async function runScenario(
  stack: Stack,
  connections: StackConnections,
  scenario: Scenario,
  options: RunOptions = {},
): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const around = options.requestsAround ?? 60;
  const world = await ChaosWorld.create(connections);
  log(`  the account service logs to ${world.logFile}`);
  const admin = world.kafka.admin();
  const rounds: RoundResult[] = [];
  try {
    await admin.connect();
    await world.startService();
    const load = await LoadGenerator.prepare(world, options.customers ?? 20);
    for (let round = 0; round < (options.rounds ?? scenario.rounds); round++) {
      const warm = load.snapshot.accepted + around;
      load.start(options.clients ?? 8);
      await waitFor(() => load.snapshot.accepted >= warm, { timeoutMs: 120_000, what: 'the load to warm up' });

      const faultAt = Date.now();
      const monitor = new RecoveryMonitor(world, load, faultAt);
      const fault = await scenario.inject({ stack, world, admin }, round);
      log(`  round ${round + 1}: ${fault.what}; holding it for ${scenario.holdMs / 1000}s under load`);
      // the fault stays in place while the clients go on: this is the experiment's duration, not a wait
      await new Promise((resolve) => setTimeout(resolve, scenario.holdMs));
      await fault.repair();
      const after = load.snapshot.accepted + around;
      await waitFor(() => load.snapshot.accepted >= after, {
        timeoutMs: 180_000,
        what: 'requests accepted after the repair',
        onPending: () => {
          if (world.serviceExited) throw new Error(`the account service exited:\n${world.serviceLog()}`);
        },
      });
      const recoverMs = await monitor.stop();
      await load.stop();
      await waitFor(async () => (await world.inspector.status()).pending === 0, {
        timeoutMs: 180_000,
        intervalMs: 250,
        what: 'the outbox drained',
      });
      rounds.push({
        round: round + 1,
        fault: fault.what,
        recoverMs,
        unprovenBatches: world.unprovenBatches,
        ...load.snapshot,
        ...(await audit(world, load)),
      });
      log(`  round ${round + 1}: ${summary(rounds.at(-1)!)}`);
    }
    return { scenario, rounds };
  } finally {
    await admin.disconnect().catch(() => undefined);
    await world.dispose();
  }
}

function summary(r: RoundResult): string {
  return (
    `${r.accepted} accepted, ${r.eventsExpected} events expected, ${r.eventsOnTopic} on the topics, ` +
    `${r.eventsLost} lost, ${r.duplicates} duplicates, ` +
    `${r.moneyProblems.length ? `money NOT conserved: ${r.moneyProblems.join('; ')}` : 'money conserved'}, ` +
    `recovered in ${(r.recoverMs / 1000).toFixed(1)}s`
  );
}
