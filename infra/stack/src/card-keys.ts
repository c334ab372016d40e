import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalCardKeys {
  /** Keys the PAN hashes the card service stores. */
  readonly panKey: string;
  /** Derives the cards' CVCs. */
  readonly cvcKey: string;
  /** The card network's credential: the simulator and `curl` send it to /v1/card-authorizations. */
  readonly networkKey: string;
}

/**
 * The local card service's secret keys, made once and kept: new PAN or CVC keys would orphan every issued card.
 * A key the file lacks (it was made by an older version) is added.
 */
export async function ensureCardKeys(dir: string): Promise<LocalCardKeys> {
  const file = path.join(dir, 'card-keys.json');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  const stored = (existing ? JSON.parse(existing) : {}) as Partial<LocalCardKeys>;
  const keys: LocalCardKeys = {
    panKey: stored.panKey ?? newKey(),
    cvcKey: stored.cvcKey ?? newKey(),
    networkKey: stored.networkKey ?? newKey(),
  };
  if (keys.panKey === stored.panKey && keys.cvcKey === stored.cvcKey && keys.networkKey === stored.networkKey) {
    return keys;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  return keys;
}

function newKey(): string {
  return randomBytes(32).toString('base64url');
}
