import {
  ConsoleReporter,
  Stack,
  loadStackConfig,
  readConnections,
  waitFor,
  type StackConnections,
} from '@microbank/stack';
import { ComposeInfra } from './compose-infra';
import { demoDataChanges, type DemoDataSnapshot } from './demo-data-changes';
import { runningDemoServices, takeDemoDataSnapshot } from './demo-data-snapshot';

let stack: Stack | undefined;
let containers: ComposeInfra | undefined;
let demoData: { readonly connections: StackConnections; readonly before: DemoDataSnapshot } | undefined;

/**
 * Vitest global setup for integration tests: uses the stack that is up, or starts one (the profile in
 * MICROBANK_PROFILE, default full). Tests then read .stack/connections.json through `stackConnections()`.
 * It also records the demo's business topics and service databases, which the run must leave as they were.
 * With MICROBANK_TEST_INFRA=containers, the infrastructure is docker-compose.yml's instead, started through
 * testcontainers and removed again at the end; the test workers inherit the variables that point at it.
 */
export async function setup(): Promise<void> {
  if (process.env.MICROBANK_TEST_INFRA === 'containers') {
    console.log('Starting ZooKeeper, Kafka and PostgreSQL from docker-compose.yml with testcontainers…');
    containers = await ComposeInfra.start();
    Object.assign(process.env, containers.env);
  }
  try {
    await useStack();
  } catch (error) {
    await removeContainers(); // vitest runs no teardown after a failed setup
    throw error;
  }
}

async function useStack(): Promise<void> {
  const config = loadStackConfig();
  const running = await readConnections(config);
  stack = new Stack(running ? { ...config, profile: running.profile } : config, new ConsoleReporter());
  // `up` is idempotent: on a running stack it only checks readiness (and restarts anything that died)
  const connections = await stack.up();
  if (stack.startedFromNothing) console.log(`Started the ${stack.profile.name} stack for this test run.`);
  demoData = undefined;
  if (await demoIsRunning('not checking')) return;
  demoData = { connections, before: await snapshotOf(connections) };
}

/**
 * Fails the run if the tests changed the demo's data, then stops the stack only when this run's `up` started all
 * of it. A stack that was running, or still starting in another terminal, is someone else's: left running, even a
 * process this run restarted in it.
 */
export async function teardown(): Promise<void> {
  try {
    await checkDemoData();
  } finally {
    if (containers) await removeContainers();
    else if (stack?.startedFromNothing) {
      console.log('Stopping the stack this test run started (its data is kept; `pnpm stack down --wipe` deletes it).');
      await stack.down();
    }
  }
}

async function removeContainers(): Promise<void> {
  if (!containers) return;
  console.log('Removing the test containers and their volumes.');
  await containers.stop();
  containers = undefined;
}

/**
 * Tests use databases and topics of their own; the demo's must hold exactly what they held before. The check
 * assumes nothing else writes to them during the run, so it is skipped while `pnpm dev` runs the services.
 */
async function checkDemoData(): Promise<void> {
  if (!demoData || (await demoIsRunning('not checked'))) return;
  const changes = demoDataChanges(demoData.before, await snapshotOf(demoData.connections));
  if (changes.length === 0) return;
  console.error(
    [
      'This test run changed the demo’s business topics or service databases, which tests must never touch:',
      ...changes.map((change) => `  ${change}`),
    ].join('\n'),
  );
  // a throwing global teardown is only logged and vitest still exits 0: the exit code is what fails the run
  process.exitCode = 1;
}

// a cluster that has just started answers "not the coordinator" or "loading" for a while: asked again, not failed
function snapshotOf(connections: StackConnections): Promise<DemoDataSnapshot> {
  return waitFor(() => takeDemoDataSnapshot(connections), {
    timeoutMs: 60_000,
    intervalMs: 1_000,
    what: "a snapshot of the demo's topics and databases",
  });
}

async function demoIsRunning(verdict: string): Promise<boolean> {
  const services = await runningDemoServices();
  if (services.length === 0) return false;
  console.log(
    `The demo's ${services.join(', ')} service is running (\`pnpm dev\`), and its traffic would change the demo's ` +
      `topics and databases: ${verdict} whether this test run leaves them as they were.`,
  );
  return true;
}
