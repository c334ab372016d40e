import { Stack, loadStackConfig, readConnections, type StackConnections } from '@microbank/stack';

/** The running stack's connections, as written by `pnpm stack up` (the test run's global setup makes sure it is up). */
export async function stackConnections(): Promise<StackConnections> {
  const connections = await readConnections(loadStackConfig());
  if (!connections) {
    throw new Error(
      'No Microbank stack is up: run the tests with `pnpm test`, or start the stack with `pnpm stack up`.',
    );
  }
  return connections;
}

/** The stack itself, for tests that stop or kill its processes. */
export function stackFor(connections: StackConnections): Stack {
  return new Stack(loadStackConfig(process.env, { profile: connections.profile }));
}
