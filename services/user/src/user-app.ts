import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateDatabase } from '@microbank/database';
import { createHttpApp } from '@microbank/http';
import { AppModule } from './app.module';
import type { UserConfig } from './config';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'prisma', 'migrations');

/** Migrates the database and builds the app (not yet listening); tests call this with a config of their own. */
export async function buildUserApp(
  config: UserConfig,
  options: { quiet?: boolean } = {},
): Promise<NestFastifyApplication> {
  await migrateDatabase(config.DATABASE_URL, MIGRATIONS_DIR);
  return createHttpApp(AppModule.register(config), {
    service: 'user',
    title: 'Microbank User API',
    trustProxy: config.TRUSTED_PROXIES,
    ...(options.quiet ? { logger: false as const } : {}),
  });
}
