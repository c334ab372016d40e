import { brokerList, parseEnv, pemFrom, port, postgresUrl } from '@microbank/config';
import { z } from 'zod';

export const accountEnvSchema = z.object({
  DATABASE_URL: postgresUrl,
  KAFKA_BROKERS: brokerList,
  // tests set one so they publish and consume on topics of their own
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'letters, digits, dots, dashes and underscores')
    .default(''),
  PORT: port(3002),
  JWT_PUBLIC_KEY: z
    .string({ error: 'set JWT_PUBLIC_KEY (an Ed25519 SPKI PEM) or JWT_PUBLIC_KEY_FILE (its path)' })
    .includes('BEGIN PUBLIC KEY', { error: 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)' }),
});

export type AccountConfig = z.infer<typeof accountEnvSchema>;

/** The service's configuration, read once at start; throws a ConfigError naming every bad variable. */
export function loadAccountConfig(env: NodeJS.ProcessEnv = process.env): AccountConfig {
  let publicKey: string | undefined;
  try {
    publicKey = pemFrom(env, 'JWT_PUBLIC_KEY');
  } catch {
    publicKey = undefined; // an unreadable key file is reported as a missing key, beside any other problem
  }
  return parseEnv(accountEnvSchema, { ...env, JWT_PUBLIC_KEY: publicKey });
}

export const ACCOUNT_CONFIG = Symbol('ACCOUNT_CONFIG');
