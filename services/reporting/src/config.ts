import { port } from '@microbank/config';
import { loadServiceConfig, serviceEnvSchema } from '@microbank/service-kit';
import type { z } from 'zod';

export const reportingEnvSchema = serviceEnvSchema.extend({
  PORT: port(3005),
});

export type ReportingConfig = z.infer<typeof reportingEnvSchema>;

/** The service's configuration, read once at start; throws a ConfigError naming every bad variable. */
export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): ReportingConfig {
  return loadServiceConfig(reportingEnvSchema, env);
}
