import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StackLock } from './stack-lock';

/** The PID of a process that has come and gone, as a crashed `pnpm stack up` leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

describe('the stack lock', () => {
  let dir: string;
  let lockFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stack-lock-'));
    lockFile = path.join(dir, 'stack.lock');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Many callers at once, each with its own StackLock as separate `pnpm stack` commands would have. */
  async function contend(callers: number): Promise<{ mostAtOnce: number; finished: number }> {
    let inside = 0;
    let mostAtOnce = 0;
    let finished = 0;
    await Promise.all(
      Array.from({ length: callers }, async (_, i) => {
        // arrivals spread over many turns of the event loop, so callers meet the lock in every state
        for (let turn = 0; turn < i; turn++) await new Promise(setImmediate);
        await new StackLock(dir, { pollMs: 1 }).withLock(async () => {
          mostAtOnce = Math.max(mostAtOnce, ++inside);
          // real file work, so the other callers run while this one holds the lock
          await writeFile(path.join(dir, `work-${i}`), `${i}\n`);
          inside--;
          finished++;
        });
      }),
    );
    return { mostAtOnce, finished };
  }

  it('lets exactly one of many concurrent callers hold it at a time', async () => {
    expect(await contend(40)).toEqual({ mostAtOnce: 1, finished: 40 });
    expect((await readdir(dir)).filter((file) => file.startsWith('stack.lock'))).toEqual([]);
  });

  it('names its holder, so a waiter can tell a crashed command from a slow one', async () => {
    const content = await new StackLock(dir).withLock(() => readFile(lockFile, 'utf8'));

    expect(Number.parseInt(content, 10)).toBe(process.pid);
  });

  it('takes over a lock whose holder died', async () => {
    await writeFile(lockFile, `${await deadPid()}\n`);

    expect(await new StackLock(dir, { pollMs: 1 }).withLock(async () => 'ran')).toBe('ran');
  });

  it('hands a dead holder’s lock to one caller at a time, however many find it at once', async () => {
    await writeFile(lockFile, `${await deadPid()}\n`);

    expect(await contend(40)).toEqual({ mostAtOnce: 1, finished: 40 });
    expect((await readdir(dir)).filter((file) => file.startsWith('stack.lock'))).toEqual([]);
  });

  it('recovers from a waiter that died while clearing a dead holder’s lock', async () => {
    await writeFile(lockFile, `${await deadPid()} crashed-up\n`);
    await writeFile(`${lockFile}.crashed-up`, `${await deadPid()} crashed-waiter\n`);

    expect(await new StackLock(dir, { pollMs: 1 }).withLock(async () => 'ran')).toBe('ran');
  });

  it('waits for a holder that is alive to let go', async () => {
    const released = path.join(dir, 'released');
    // a stand-in holder: when told to finish, it notes that it is done and removes its lock
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `process.stdin.resume().on('end', () => { require('fs').writeFileSync(${JSON.stringify(released)}, ''); require('fs').rmSync(${JSON.stringify(lockFile)}); })`,
      ],
      { stdio: ['pipe', 'ignore', 'ignore'] },
    );
    await once(holder, 'spawn');
    await writeFile(lockFile, `${holder.pid}\n`);

    const ranAfterRelease = new StackLock(dir, { pollMs: 1 }).withLock(async () => existsSync(released));
    holder.stdin.end();

    expect(await ranAfterRelease).toBe(true);
  });

  it('lets go when the work fails', async () => {
    await expect(
      new StackLock(dir).withLock(async () => {
        throw new Error('ZooKeeper did not start');
      }),
    ).rejects.toThrow('ZooKeeper did not start');

    expect(existsSync(lockFile)).toBe(false);
  });
});
