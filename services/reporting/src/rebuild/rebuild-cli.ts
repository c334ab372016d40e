import { setTimeout as sleep } from 'node:timers/promises';
import { analystToken, reach } from './analyst-token';
import type { RebuildState } from './rebuild-state';

const POLL_INTERVAL_MS = 1_000;

/**
 * `pnpm reporting rebuild`: asks the running reporting service to rebuild its read models from the log, then
 * prints its progress every second until it caught up (exit 0) or failed (exit 1). REPORTING_URL and USER_URL
 * point it at other instances; REPORTING_TOKEN gives it a token instead of logging in as the stack's analyst.
 */
export async function runRebuildCli(
  _args: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const baseUrl = env.REPORTING_URL ?? 'http://127.0.0.1:3005';
  const token = await analystToken(env);
  const call = async (method: 'GET' | 'POST'): Promise<RebuildState> => {
    const response = await reach(baseUrl, 'the reporting service', `${baseUrl}/v1/reports/rebuild`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok)
      throw new Error(`${method} /v1/reports/rebuild answered ${response.status}: ${await detail(response)}`);
    return (await response.json()) as RebuildState;
  };

  let state = await call('POST');
  out.write(`rebuild started at ${state.startedAt}\n`);
  while (state.state !== 'caught-up' && state.state !== 'failed') {
    await sleep(POLL_INTERVAL_MS);
    state = await call('GET');
    out.write(`${progressLine(state)}\n`);
  }
  if (state.state === 'failed') {
    out.write(`rebuild failed: ${state.error ?? 'no reason given'}\n`);
    return 1;
  }
  out.write(`${summaryLine(state)}\n`);
  return 0;
}

/** One line a second while it runs. */
export function progressLine(state: RebuildState): string {
  const n = (value: number) => value.toLocaleString('en');
  return `${state.state.padEnd(9)}  ${n(state.eventsReplayed)} events replayed  ${n(state.eventsPerSecond)} events/s  lag ${n(state.lag)}`;
}

/** The last line: how many events, how long in all (stopping and resetting included), how fast the replay ran. */
export function summaryLine(state: RebuildState): string {
  const seconds = (from: string | null, to: string | null) => ((Date.parse(to!) - Date.parse(from!)) / 1000).toFixed(1);
  return (
    `rebuilt from ${state.eventsReplayed} events in ${seconds(state.startedAt, state.finishedAt)} s ` +
    `(${state.eventsPerSecond} events/s over the ${seconds(state.replayStartedAt, state.finishedAt)} s replay)`
  );
}

async function detail(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
  return body.detail ?? body.title ?? response.statusText;
}
