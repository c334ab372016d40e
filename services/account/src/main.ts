import path from 'node:path';
import { loadEnvFile } from '@microbank/config';
import { buildAccountApp, migrateAccountDatabase } from './account-app';
import { loadAccountConfig } from './config';

async function main(): Promise<void> {
  // locally, `pnpm stack up` writes this service's settings; real deployments set the environment
  loadEnvFile(path.resolve(__dirname, '..', '..', '..', '.stack', 'env', 'account.env'));
  const config = loadAccountConfig();
  const applied = await migrateAccountDatabase(config.DATABASE_URL);
  if (applied.length) console.log(JSON.stringify({ level: 'info', service: 'account', message: 'migrated', applied }));
  const app = await buildAccountApp(config);
  await app.listen({ port: config.PORT, host: '127.0.0.1' });
  console.log(JSON.stringify({ level: 'info', service: 'account', message: 'listening', url: await app.getUrl() }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
