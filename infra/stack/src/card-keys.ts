import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalCardKeys {
  /** Keys the PAN hashes the card service stores. */
  readonly panKey: string;
  /** Derives the cards' CVCs. */
  readonly cvcKey: string;
}

/** The local card service's secret keys, made once and kept: new keys would orphan every issued card. */
export async function ensureCardKeys(dir: string): Promise<LocalCardKeys> {
  const file = path.join(dir, 'card-keys.json');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing) return JSON.parse(existing) as LocalCardKeys;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keys: LocalCardKeys = {
    panKey: randomBytes(32).toString('base64url'),
    cvcKey: randomBytes(32).toString('base64url'),
  };
  await writeFile(file, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  return keys;
}
