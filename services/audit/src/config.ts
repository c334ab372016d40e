import { port } from '@microbank/config';
import { loadServiceConfig, serviceEnvSchema } from '@microbank/service-kit';
import type { z } from 'zod';

export const auditEnvSchema = serviceEnvSchema.extend({
  PORT: port(3006),
});

export type AuditConfig = z.infer<typeof auditEnvSchema>;

/** The service's configuration, read once at start; throws a ConfigError naming every bad variable. */
export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return loadServiceConfig(auditEnvSchema, env);
}
