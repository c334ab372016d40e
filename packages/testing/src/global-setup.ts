import { ConsoleReporter, Stack, loadStackConfig, readConnections } from '@microbank/stack';

let stack: Stack | undefined;

/**
 * Vitest global setup for integration tests: uses the stack that is up, or starts one (the profile in
 * MICROBANK_PROFILE, default full). Tests then read .stack/connections.json through `stackConnections()`.
 */
export async function setup(): Promise<void> {
  const config = loadStackConfig();
  const running = await readConnections(config);
  stack = new Stack(running ? { ...config, profile: running.profile } : config, new ConsoleReporter());
  // `up` is idempotent: on a running stack it only checks readiness (and restarts anything that died)
  await stack.up();
  if (stack.startedFromNothing) console.log(`Started the ${stack.profile.name} stack for this test run.`);
}

/**
 * Stops the stack only when this run's `up` started all of it. A stack that was running, or still starting in
 * another terminal, is someone else's: left running, even a process this run restarted in it.
 */
export async function teardown(): Promise<void> {
  if (!stack?.startedFromNothing) return;
  console.log('Stopping the stack this test run started (its data is kept; `pnpm stack down --wipe` deletes it).');
  await stack.down();
}
