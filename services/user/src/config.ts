import { brokerList, parseEnv, pemFrom, port, postgresUrl } from '@microbank/config';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: postgresUrl,
  KAFKA_BROKERS: brokerList,
  // tests give each run topics of its own
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/)
    .default(''),
  PORT: port(3001),
  JWT_PRIVATE_KEY: z
    .string()
    .includes('PRIVATE KEY', { message: 'a PKCS#8 PEM (JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE)' }),
  JWT_PUBLIC_KEY: z.string().includes('PUBLIC KEY', { message: 'an SPKI PEM (JWT_PUBLIC_KEY or JWT_PUBLIC_KEY_FILE)' }),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  // the first analyst (bank staff) is created from configuration; the public API only makes customers
  ANALYST_EMAIL: z.email().optional(),
  ANALYST_PASSWORD: z.string().min(12).optional(),
});

export type UserConfig = z.infer<typeof schema>;

export function loadUserConfig(env: NodeJS.ProcessEnv = process.env): UserConfig {
  return parseEnv(schema, {
    ...env,
    JWT_PRIVATE_KEY: pemFrom(env, 'JWT_PRIVATE_KEY'),
    JWT_PUBLIC_KEY: pemFrom(env, 'JWT_PUBLIC_KEY'),
  });
}

export const USER_CONFIG = Symbol('USER_CONFIG');
