import path from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateDatabase } from '@microbank/database';
import { createHttpApp } from '@microbank/http';
import { AppModule } from './app.module';
import type { AccountConfig } from './config';

export const MIGRATIONS_DIR = path.join(__dirname, '..', 'prisma', 'migrations');

/** Applies the service's pending migrations (before the app starts, so it never sees an older schema). */
export function migrateAccountDatabase(databaseUrl: string): Promise<string[]> {
  return migrateDatabase(databaseUrl, MIGRATIONS_DIR);
}

/** The Account service as a Nest application on Fastify, initialised but not yet listening. */
export function buildAccountApp(
  config: AccountConfig,
  options: { logger?: false } = {},
): Promise<NestFastifyApplication> {
  // createHttpApp takes a module class; this one carries the configuration
  @Module({ imports: [AppModule.forRoot(config)] })
  class AccountServiceModule {}
  return createHttpApp(AccountServiceModule, {
    service: 'account',
    title: 'Microbank Account API',
    ...(options.logger === false ? { logger: false } : {}),
  });
}
