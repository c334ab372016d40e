import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvFile } from '@microbank/config';
import { z } from 'zod';
import type { ServiceName } from './bank-client';
import { CannotRunError } from './cannot-run.error';
import type { SimulationSettings } from './simulation';
import { UsageError } from './usage.error';

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

const flagsSchema = z.strictObject({
  customers: z.coerce.number().int().min(1).max(1_000).default(24),
  rate: z.coerce.number().positive().max(200).default(5),
  'fraud-rate': z.coerce.number().min(0).max(1).default(0.25),
  seed: z.coerce.number().int().min(0).max(4_294_967_295).default(1),
  duration: z.coerce.number().int().min(1).max(3_600).default(60),
  'request-timeout': z.coerce.number().int().min(100).max(60_000).default(10_000),
  settle: z.coerce.number().int().min(0).max(300).default(30),
  help: z.boolean().optional(),
});

const envSchema = z.object({
  USER_URL: url.default('http://127.0.0.1:3001'),
  ACCOUNT_URL: url.default('http://127.0.0.1:3002'),
  CARD_URL: url.default('http://127.0.0.1:3003'),
  FRAUD_URL: url.default('http://127.0.0.1:3004'),
});

export const OPTIONS = {
  customers: { type: 'string' },
  rate: { type: 'string' },
  'fraud-rate': { type: 'string' },
  seed: { type: 'string' },
  duration: { type: 'string' },
  'request-timeout': { type: 'string' },
  settle: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The settings of a run from the command line and the environment (and the stack's files for the secrets). */
export function settingsFrom(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Omit<SimulationSettings, 'out'> | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const flags = flagsSchema.safeParse(values);
  if (!flags.success) throw new UsageError(problems(flags.error, '--'));
  if (flags.data.help) return 'help';
  const urls = envSchema.safeParse(env);
  if (!urls.success) throw new UsageError(problems(urls.error, ''));
  const f = flags.data;
  return {
    seed: f.seed,
    customers: f.customers,
    rate: f.rate,
    fraudRate: f['fraud-rate'],
    durationSeconds: f.duration,
    requestTimeoutMs: f['request-timeout'],
    settleMs: f.settle * 1_000,
    urls: {
      user: urls.data.USER_URL,
      account: urls.data.ACCOUNT_URL,
      card: urls.data.CARD_URL,
      fraud: urls.data.FRAUD_URL,
    } satisfies Record<ServiceName, string>,
    ...secretsFrom(env),
  };
}

/**
 * The card network's key and the analyst's login: from CARD_NETWORK_KEY, ANALYST_EMAIL and ANALYST_PASSWORD, else
 * from the stack's keys/card-keys.json and env/user.env, which `pnpm stack up` writes (MICROBANK_STACK_DIR, or
 * .stack at the repository root).
 */
export function secretsFrom(env: NodeJS.ProcessEnv): Pick<SimulationSettings, 'networkKey' | 'analyst'> {
  const dir = path.resolve(env.MICROBANK_STACK_DIR ?? path.join(__dirname, '..', '..', '..', '.stack'));
  const credentials = { ...env };
  const userEnv = path.join(dir, 'env', 'user.env');
  loadEnvFile(userEnv, credentials);
  const { ANALYST_EMAIL: email, ANALYST_PASSWORD: password } = credentials;
  if (!email || !password) {
    throw new CannotRunError(
      `no analyst login: set ANALYST_EMAIL and ANALYST_PASSWORD, or start the stack (${userEnv})`,
    );
  }
  const keysFile = path.join(dir, 'keys', 'card-keys.json');
  const networkKey = env.CARD_NETWORK_KEY ?? readNetworkKey(keysFile);
  if (!networkKey)
    throw new CannotRunError(`no card network key: set CARD_NETWORK_KEY, or start the stack (${keysFile})`);
  return { networkKey, analyst: { email, password } };
}

function readNetworkKey(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { networkKey?: string }).networkKey;
  } catch {
    return undefined;
  }
}

function problems(error: z.ZodError, prefix: string): string {
  return error.issues.map((issue) => `${prefix}${issue.path.join('.')}: ${issue.message}`).join('; ');
}
