import { readFileSync } from 'node:fs';

/**
 * Reads KEY=value lines (the files `pnpm stack up` writes to .stack/env/) into `env`, without overriding
 * what is already set there. Returns false when the file does not exist.
 */
export function loadEnvFile(file: string, env: NodeJS.ProcessEnv = process.env): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match && env[match[1]!] === undefined) env[match[1]!] = match[2]!;
  }
  return true;
}
