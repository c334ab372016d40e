import { brokerList, originList, parseEnv, pemFrom, port, postgresUrl } from '@microbank/config';
import { z } from 'zod';
import { trustedProxies } from './trusted-proxies';

/** The variables every service reads; a service extends this schema with its own (and its PORT default). */
export const serviceEnvSchema = z.object({
  DATABASE_URL: postgresUrl,
  KAFKA_BROKERS: brokerList,
  // tests set one so they publish and consume on topics of their own
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'letters, digits, dots, dashes and underscores')
    .default(''),
  PORT: port(3000),
  // loopback by default; a container listens on 0.0.0.0 so the compose network and its published port reach it
  HOST: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
  JWT_PUBLIC_KEY: z
    .string({ error: 'set JWT_PUBLIC_KEY (an Ed25519 SPKI PEM) or JWT_PUBLIC_KEY_FILE (its path)' })
    .includes('BEGIN PUBLIC KEY', { error: 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)' }),
  // the client address is read from X-Forwarded-For only as far as these proxies vouch for it
  TRUSTED_PROXIES: trustedProxies,
  // web pages on these origins may call the API from a browser (the dashboard logs in at the user service)
  CORS_ORIGINS: originList,
});

export type ServiceConfig = z.infer<typeof serviceEnvSchema>;

/**
 * Parses a service's configuration once at start; throws a ConfigError naming every bad variable. PEMs may be
 * given inline or as `<NAME>_FILE`: JWT_PUBLIC_KEY always, and the service's own `pems`.
 */
export function loadServiceConfig<T extends z.ZodType<ServiceConfig>>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
  pems: readonly string[] = [],
): z.infer<T> {
  const keys: Record<string, string | undefined> = {};
  for (const name of ['JWT_PUBLIC_KEY', ...pems]) {
    try {
      keys[name] = pemFrom(env, name);
    } catch {
      keys[name] = undefined; // an unreadable key file is reported as a missing key, beside any other problem
    }
  }
  return parseEnv(schema, { ...env, ...keys });
}
