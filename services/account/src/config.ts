import { port } from '@microbank/config';
import { loadServiceConfig, serviceEnvSchema } from '@microbank/service-kit';
import type { z } from 'zod';

export const accountEnvSchema = serviceEnvSchema.extend({
  PORT: port(3002),
});

export type AccountConfig = z.infer<typeof accountEnvSchema>;

/** The service's configuration, read once at start; throws a ConfigError naming every bad variable. */
export function loadAccountConfig(env: NodeJS.ProcessEnv = process.env): AccountConfig {
  return loadServiceConfig(accountEnvSchema, env);
}
