import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCardKeys } from './card-keys';

describe('ensureCardKeys', () => {
  let dir: string | undefined;
  afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('makes the keys once and gives the same ones after', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'card-keys-'));
    const first = await ensureCardKeys(dir);
    expect(first.networkKey.length).toBeGreaterThanOrEqual(32);
    expect(await ensureCardKeys(dir)).toEqual(first);
  });

  // a stack made before card payments: its PAN and CVC keys must survive, or every issued card is orphaned
  it('adds a key an older file lacks and keeps the ones it has', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'card-keys-'));
    const older = { panKey: 'p'.repeat(43), cvcKey: 'c'.repeat(43) };
    await writeFile(path.join(dir, 'card-keys.json'), JSON.stringify(older));
    const keys = await ensureCardKeys(dir);
    expect(keys).toMatchObject(older);
    expect(keys.networkKey).toMatch(/^[\w-]{43}$/);
    expect(JSON.parse(await readFile(path.join(dir, 'card-keys.json'), 'utf8'))).toEqual(keys);
  });
});
