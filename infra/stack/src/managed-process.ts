import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StackError } from './stack-config';
import { waitFor } from './wait-for';

export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** A string that appears in the process's command line, so a recycled PID is never mistaken for ours. */
  readonly marker: string;
  readonly uid?: number;
  readonly gid?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** A long-running process the stack starts detached, remembers by PID file, and stops by PID. */
export class ManagedProcess {
  constructor(
    readonly spec: ProcessSpec,
    private readonly runDir: string,
    private readonly logDir: string,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get logFile(): string {
    return path.join(this.logDir, `${this.spec.name}.log`);
  }

  private get pidFile(): string {
    return path.join(this.runDir, `${this.spec.name}.pid`);
  }

  /** The PID of our running process, or undefined when it is not running. */
  async pid(): Promise<number | undefined> {
    const text = await readFile(this.pidFile, 'utf8').catch(() => undefined);
    const pid = text ? Number.parseInt(text, 10) : NaN;
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    return isOurs(pid, this.spec.marker) ? pid : undefined;
  }

  async start(): Promise<number> {
    await mkdir(this.runDir, { recursive: true });
    await mkdir(this.logDir, { recursive: true });
    const log = openSync(this.logFile, 'a');
    try {
      const child = spawn(this.spec.command, this.spec.args, {
        cwd: this.spec.cwd,
        detached: true, // its own process group: it outlives `stack up` and a Ctrl-C in that terminal
        stdio: ['ignore', log, log],
        env: { ...process.env, ...this.spec.env },
        ...(this.spec.uid === undefined ? {} : { uid: this.spec.uid, gid: this.spec.gid }),
      });
      const pid = await new Promise<number>((resolve, reject) => {
        child.once('error', (error) => reject(new StackError(`${this.name} could not be started: ${error.message}`)));
        child.once('spawn', () => resolve(child.pid!));
      });
      child.unref();
      await writeFile(this.pidFile, `${pid}\n`);
      return pid;
    } finally {
      closeSync(log);
    }
  }

  /** Sends SIGTERM, waits for a clean exit, and only then resorts to SIGKILL. */
  async stop(timeoutMs = 60_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const pid = await this.pid();
    if (pid !== undefined) {
      signalProcess(pid, signal);
      const exited = await waitFor(() => !isAlive(pid), { timeoutMs, intervalMs: 200 }).then(
        () => true,
        () => false,
      );
      if (!exited) {
        signalProcess(pid, 'SIGKILL');
        await waitFor(() => !isAlive(pid), { timeoutMs: 10_000, intervalMs: 100 });
      }
    }
    await rm(this.pidFile, { force: true });
  }

  /** Kills the process without warning, as a crash would (tests use this to study failover). */
  async kill(): Promise<void> {
    const pid = await this.pid();
    if (pid === undefined) throw new StackError(`${this.name} is not running`);
    signalProcess(pid, 'SIGKILL');
    await waitFor(() => !isAlive(pid), { timeoutMs: 10_000, intervalMs: 50 });
  }

  /** The last lines of the process's log, for error reports. */
  async logTail(lines = 25): Promise<string> {
    const text = await readFile(this.logFile, 'utf8').catch(() => '');
    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie still answers signal 0 until its parent reaps it
  const stat = readProc(pid, 'stat');
  return stat !== undefined && !/^\d+ \(.*\) [ZX] /.test(stat);
}

function isOurs(pid: number, marker: string): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = readProc(pid, 'cmdline');
  return cmdline === undefined || cmdline.includes(marker);
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined; // no /proc (macOS): trust the PID file
  }
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
