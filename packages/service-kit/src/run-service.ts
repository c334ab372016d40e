import path from 'node:path';
import { ConfigError, loadEnvFile } from '@microbank/config';
import { JsonLogger } from '@microbank/logging';
import { buildServiceApp, migrateServiceDatabase } from './service-app';
import type { ServiceDefinition } from './service-definition';
import type { ServiceConfig } from './service-env';

/** A service's `main.ts`: configuration, migrations, the app on its port; a bad start exits with status 1. */
export function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): void {
  const logger = new JsonLogger(definition.name);
  start(definition, logger).catch((error: unknown) => {
    // a configuration error lists every bad variable; anything else is a bug or an unreachable dependency
    const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : error;
    logger.event('error', 'could not start', { error: String(message) });
    process.exit(1);
  });
}

async function start<C extends ServiceConfig>(definition: ServiceDefinition<C>, logger: JsonLogger): Promise<void> {
  // locally, `pnpm stack up` writes each service's settings here; real deployments set the environment
  loadEnvFile(path.join(definition.root, '..', '..', '.stack', 'env', `${definition.name}.env`));
  const config = definition.loadConfig();
  const applied = await migrateServiceDatabase(definition, config.DATABASE_URL);
  if (applied.length) logger.event('info', 'migrated', { applied });
  const app = await buildServiceApp(definition, config);
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    await app.close(); // leave the consumer groups and release the relay before exiting
    throw error;
  }
  logger.event('info', 'listening', { url: await app.getUrl(), docs: `${await app.getUrl()}/docs` });
}
