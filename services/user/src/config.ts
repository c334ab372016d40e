import { port } from '@microbank/config';
import { loadServiceConfig, serviceEnvSchema } from '@microbank/service-kit';
import { z } from 'zod';

export const userEnvSchema = serviceEnvSchema.extend({
  PORT: port(3001),
  JWT_PRIVATE_KEY: z
    .string()
    .includes('PRIVATE KEY', { message: 'a PKCS#8 PEM (JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE)' }),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  // the first analyst (bank staff) is created from configuration; the public API only makes customers
  ANALYST_EMAIL: z.email().optional(),
  ANALYST_PASSWORD: z.string().min(12).optional(),
  // signups one client address may make per 15 minutes
  SIGNUPS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(10),
});

export type UserConfig = z.infer<typeof userEnvSchema>;

/** The service's configuration, read once at start; throws a ConfigError naming every bad variable. */
export function loadUserConfig(env: NodeJS.ProcessEnv = process.env): UserConfig {
  return loadServiceConfig(userEnvSchema, env, ['JWT_PRIVATE_KEY']);
}
