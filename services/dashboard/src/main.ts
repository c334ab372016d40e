import path from 'node:path';
import { ConfigError, loadEnvFile } from '@microbank/config';
import { JsonLogger } from '@microbank/logging';
import { loadDashboardConfig } from './config';
import { buildDashboardApp } from './dashboard-app';

const logger = new JsonLogger('dashboard');

async function start(): Promise<void> {
  // locally, the stack writes the dashboard's settings here; real deployments set the environment
  loadEnvFile(path.join(__dirname, '..', '..', '..', '.stack', 'env', 'dashboard.env'));
  const config = loadDashboardConfig();
  const app = await buildDashboardApp(config);
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    await app.close(); // leave the tap's consumer group before exiting
    throw error;
  }
  logger.event('info', 'listening', { url: await app.getUrl(), docs: `${await app.getUrl()}/docs` });
}

start().catch((error: unknown) => {
  // a configuration error lists every bad variable; anything else is a bug or an unreachable dependency
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : error;
  logger.event('error', 'could not start', { error: String(message) });
  process.exit(1);
});
