import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateDatabase } from '@microbank/database';
import { createHttpApp } from '@microbank/http';
import { AppModule } from './app.module';
import type { UserConfig } from './config';

export const MIGRATIONS_DIR = path.join(__dirname, '..', 'prisma', 'migrations');

/** Applies the service's pending migrations (before the app starts, so it never sees an older schema). */
export function migrateUserDatabase(databaseUrl: string): Promise<string[]> {
  return migrateDatabase(databaseUrl, MIGRATIONS_DIR);
}

/** The User service as a Nest application on Fastify, initialised but not yet listening. */
export function buildUserApp(config: UserConfig, options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  return createHttpApp(AppModule.register(config), {
    service: 'user',
    title: 'Microbank User API',
    trustProxy: config.TRUSTED_PROXIES,
    ...(options.logger === false ? { logger: false } : {}),
  });
}
