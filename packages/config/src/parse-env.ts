import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Thrown at start-up with every invalid variable at once, so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once at start-up; inside the service the result is trusted and exact. */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
  }
  return result.data;
}

/** `host:port,host:port` → a non-empty list of broker addresses. */
export const brokerList = z
  .string()
  .min(1)
  .transform((value) => value.split(',').map((broker) => broker.trim()))
  .pipe(z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/, 'host:port')).min(1));

/** `http://host:port,https://host` → the browser origins allowed to call (CORS); empty by default. */
export const originList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.url({ protocol: /^https?$/ }).refine((url) => new URL(url).origin === url, 'an origin: scheme://host[:port]'),
    ),
  );

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });

/** A PEM given inline (`NAME`) or as a file (`NAME_FILE`), the usual way to hand keys to a process. */
export function pemFrom(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const inline = env[name];
  if (inline) return inline.replaceAll('\\n', '\n');
  const file = env[`${name}_FILE`];
  return file ? readFileSync(file, 'utf8') : undefined;
}
