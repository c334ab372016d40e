import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@microbank/http';
import { AppModule } from './app.module';
import type { DashboardConfig } from './config';

/** The dashboard as a Nest application on Fastify, its feeds and monitors started, not yet listening. */
export function buildDashboardApp(
  config: DashboardConfig,
  options: { logger?: false } = {},
): Promise<NestFastifyApplication> {
  return createHttpApp(AppModule.forRoot(config), {
    service: 'dashboard',
    title: 'Microbank Dashboard API',
    ...(options.logger === false ? { logger: false } : {}),
  });
}
