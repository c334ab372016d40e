import { buildAccountApp, migrateAccountDatabase } from './account-app';
import { loadAccountConfig } from './config';

async function main(): Promise<void> {
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
