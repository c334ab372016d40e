import path from 'node:path';
import { ConfigError, loadEnvFile } from '@microbank/config';
import { loadUserConfig } from './config';
import { buildUserApp, migrateUserDatabase } from './user-app';

async function main(): Promise<void> {
  // locally, `pnpm stack up` writes this service's settings; real deployments set the environment
  loadEnvFile(path.resolve(__dirname, '..', '..', '..', '.stack', 'env', 'user.env'));
  const config = loadUserConfig();
  await migrateUserDatabase(config.DATABASE_URL);
  const app = await buildUserApp(config);
  await app.listen({ port: config.PORT, host: '127.0.0.1' });
  console.log(`user service on http://127.0.0.1:${config.PORT} (API docs at /docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
