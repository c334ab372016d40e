import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProfileName } from './stack-config';

/** The profile whose processes were last started in a stack dir, so commands without --profile act on it. */
export async function readActiveProfile(stackDir: string): Promise<ProfileName | undefined> {
  const text = await readFile(activeProfileFile(stackDir), 'utf8').catch(() => '');
  const name = text.trim();
  return name === 'full' || name === 'lite' ? name : undefined;
}

export async function writeActiveProfile(stackDir: string, profile: ProfileName): Promise<void> {
  await writeFile(activeProfileFile(stackDir), `${profile}\n`);
}

export async function clearActiveProfile(stackDir: string): Promise<void> {
  await rm(activeProfileFile(stackDir), { force: true });
}

function activeProfileFile(stackDir: string): string {
  return path.join(stackDir, 'active-profile');
}
