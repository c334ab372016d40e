import path from 'node:path';
import { loadEnvFile, parseEnv, port } from '@microbank/config';
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

/** What the command-line tools (`pnpm reporting <cmd>`) need: the service's database and topics, no HTTP. */
export const reportingCliEnvSchema = serviceEnvSchema.pick({
  DATABASE_URL: true,
  KAFKA_BROKERS: true,
  KAFKA_TOPIC_PREFIX: true,
});

export type ReportingCliConfig = z.infer<typeof reportingCliEnvSchema>;

/**
 * The tools' configuration from the environment; without DATABASE_URL, from the local stack's
 * `.stack/env/reporting.env` (MICROBANK_STACK_DIR moves it), as the service itself reads it when run locally.
 */
export function loadReportingCliConfig(env: NodeJS.ProcessEnv = process.env): ReportingCliConfig {
  const merged = { ...env };
  if (merged.DATABASE_URL === undefined) {
    const stackDir = merged.MICROBANK_STACK_DIR ?? path.join(__dirname, '..', '..', '..', '.stack');
    loadEnvFile(path.join(stackDir, 'env', 'reporting.env'), merged);
  }
  return parseEnv(reportingCliEnvSchema, merged);
}
