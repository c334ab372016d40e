import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { waitFor } from './wait-for';

export interface StackLockOptions {
  /** Called once when another command holds the lock, before waiting for it. */
  readonly onWait?: () => void;
  readonly pollMs?: number;
  readonly timeoutMs?: number;
}

/**
 * One `up` or `down` at a time, across processes. The lock file appears by an atomic link, so it never exists
 * without its holder's PID in it, and a dead holder's lock is removed by exactly one waiter.
 */
export class StackLock {
  private readonly file: string;

  constructor(
    private readonly stackDir: string,
    private readonly options: StackLockOptions = {},
  ) {
    this.file = path.join(stackDir, 'stack.lock');
  }

  async withLock<T>(work: () => Promise<T>): Promise<T> {
    await mkdir(this.stackDir, { recursive: true });
    let claim = await tryAcquire(this.file);
    if (claim === undefined) {
      this.options.onWait?.();
      claim = await waitFor(() => tryAcquire(this.file), {
        timeoutMs: this.options.timeoutMs ?? 10 * 60_000,
        intervalMs: this.options.pollMs ?? 500,
        what: `the other stack command to finish (its lock is ${this.file})`,
      });
    }
    try {
      return await work();
    } finally {
      await release(this.file, claim);
    }
  }
}

interface Holder {
  readonly pid: number;
  /** Tells this claim from any later one, even by a process that got the same PID. */
  readonly claim: string;
}

/** Creates `file` for this process, or clears it away from a holder that died; returns the claim, if made. */
async function tryAcquire(file: string): Promise<string | undefined> {
  const claim = randomUUID();
  if (await createExclusive(file, claim)) return claim;
  const holder = await readHolder(file);
  if (holder === undefined || isAlive(holder.pid)) return undefined;
  // only the waiter that wins the right to break this very claim may remove the file; the others wait
  const breaker = `${file}.${holder.claim}`;
  const breakerClaim = await tryAcquire(breaker);
  if (breakerClaim === undefined) return undefined;
  try {
    if ((await readHolder(file))?.claim === holder.claim) await rm(file, { force: true });
  } finally {
    await release(breaker, breakerClaim);
  }
  return (await createExclusive(file, claim)) ? claim : undefined;
}

/** Writes the holder line to a file of its own, then links it into place: link fails if `file` exists. */
async function createExclusive(file: string, claim: string): Promise<boolean> {
  const draft = `${file}.${claim}.tmp`;
  // the PID comes first, so an older `pnpm stack` that reads only a number still finds a live holder
  await writeFile(draft, `${process.pid} ${claim}\n`);
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

async function release(file: string, claim: string): Promise<void> {
  if ((await readHolder(file))?.claim === claim) await rm(file, { force: true });
}

async function readHolder(file: string): Promise<Holder | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const match = /^(\d+)(?:\s+(\S+))?/.exec(text);
  if (!match) return undefined; // gone, or an older `pnpm stack` is still writing its PID
  // a lock from an older `pnpm stack` holds only the PID, which then names the claim
  return { pid: Number(match[1]), claim: match[2] ?? match[1]! };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it only belongs to another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
