import { spawn, type ChildProcess } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { APPS, SERVICE_PORTS, type AppName } from './services';
import type { Reporter } from './reporter';
import { waitFor, type WaitOptions } from './wait-for';

export interface RunningService<N extends AppName = AppName> {
  readonly name: N;
  readonly url: string;
  readonly child: ChildProcess;
  /** The last lines it logged, for error reports. */
  readonly recentLines: string[];
}

/** The services that exist in this checkout and have been built. */
export async function builtServices(repoRoot: string): Promise<AppName[]> {
  const present = await Promise.all(
    APPS.map((name) =>
      access(mainOf(repoRoot, name)).then(
        () => name,
        () => undefined,
      ),
    ),
  );
  return present.filter((name): name is AppName => name !== undefined);
}

/**
 * Runs each built service in the foreground with the settings `up` wrote to .stack/env/<service>.env,
 * its log lines prefixed with its name, and waits until each one reports ready.
 */
export interface StartServicesOptions {
  /** Ports other than the usual ones, e.g. so an end-to-end test can run beside `pnpm dev`. */
  readonly ports?: Partial<Record<AppName, number>>;
  /** Echo each service's log lines (dev) or keep them quiet (tests). */
  readonly echoLogs?: boolean;
  /** Settings beyond the stack's, e.g. a database and topic prefix of a test's own. */
  readonly env?: Partial<Record<AppName, NodeJS.ProcessEnv>>;
  /** Every line each service logs, e.g. for a test that searches the logs. */
  readonly onLine?: (service: AppName, line: string) => void;
}

export async function startServices<N extends AppName>(
  repoRoot: string,
  names: readonly N[],
  reporter: Reporter,
  options: StartServicesOptions = {},
): Promise<RunningService<N>[]> {
  const running = names.map((name) => spawnService(repoRoot, name, options));
  for (const service of running) {
    await reporter.step(`waiting for the ${service.name} service`, () =>
      waitUntilReady(service, {
        onPending: () => {
          if (service.child.exitCode !== null) {
            const log = service.recentLines.join('\n');
            throw new Error(`the ${service.name} service exited (code ${service.child.exitCode}):\n${log}`);
          }
        },
      }),
    );
  }
  return running;
}

/** Starts one service as a child process, its output read line by line (see StartServicesOptions). */
export function spawnService<N extends AppName>(
  repoRoot: string,
  name: N,
  options: StartServicesOptions = {},
): RunningService<N> {
  const port = options.ports?.[name] ?? SERVICE_PORTS[name];
  const child = spawn(process.execPath, [mainOf(repoRoot, name)], {
    cwd: path.join(repoRoot, 'services', name),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.env?.[name],
      PORT: String(port),
      NODE_ENV: process.env.NODE_ENV ?? 'development',
    },
  });
  const prefix = `${name.padEnd(9)} │ `;
  const recentLines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      recentLines.push(...lines);
      recentLines.splice(0, Math.max(0, recentLines.length - 20));
      if (options.onLine) for (const line of lines) options.onLine(name, line);
      if (options.echoLogs ?? true) for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    });
  }
  return { name, url: `http://127.0.0.1:${port}`, child, recentLines };
}

/** Polls the service's readiness route (two minutes at most: six services and three JVMs share two cores). */
export function waitUntilReady(service: RunningService, options: Pick<WaitOptions, 'onPending'> = {}): Promise<true> {
  return waitFor(async () => (await fetch(`${service.url}/health/ready`)).ok || undefined, {
    timeoutMs: 120_000,
    intervalMs: 500,
    what: `${service.url}/health/ready`,
    ...options,
  });
}

export async function stopServices(running: readonly RunningService[]): Promise<void> {
  await Promise.all(
    running.map(
      (service) =>
        new Promise<void>((resolve) => {
          // a child killed by a signal has no exit code, only a signal code
          if (service.child.exitCode !== null || service.child.signalCode !== null) return resolve();
          service.child.once('exit', () => resolve());
          service.child.kill('SIGTERM'); // each service drains its consumers and relay on SIGTERM
        }),
    ),
  );
}

function mainOf(repoRoot: string, name: AppName): string {
  return path.join(repoRoot, 'services', name, 'dist', 'main.js');
}
