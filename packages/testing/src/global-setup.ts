import { ConsoleReporter, Stack, loadStackConfig, readConnections } from '@microbank/stack';

let startedHere: Stack | undefined;

/**
 * Vitest global setup for integration tests: uses the stack that is up, or starts one (the profile in
 * MICROBANK_PROFILE, default full) and stops it again when the run ends. Tests then read
 * .stack/connections.json through `stackConnections()`.
 */
export async function setup(): Promise<void> {
  const config = loadStackConfig();
  const running = await readConnections(config);
  const stack = new Stack(running ? { ...config, profile: running.profile } : config, new ConsoleReporter());
  const wasUp = running !== undefined && (await isUp(stack));
  if (!wasUp) console.log(`No Microbank stack is up: starting the ${config.profile} profile for this test run.`);
  // `up` is idempotent: on a running stack it only checks readiness (and restarts anything that died)
  await stack.up();
  if (!wasUp) startedHere = stack;
}

export async function teardown(): Promise<void> {
  if (!startedHere) return;
  console.log('Stopping the stack this test run started (its data is kept; `pnpm stack down --wipe` deletes it).');
  await startedHere.down();
}

async function isUp(stack: Stack): Promise<boolean> {
  for (const proc of await stack.processes()) {
    if ((await proc.pid()) !== undefined) return true;
  }
  return false;
}
