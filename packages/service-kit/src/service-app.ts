import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateDatabase } from '@microbank/database';
import { createHttpApp } from '@microbank/http';
import { KafkaEventTransport } from '@microbank/messaging';
import { migrationsDirOf, type ServiceDefinition } from './service-definition';
import type { ServiceConfig } from './service-env';
import { ServiceModule } from './service.module';

/** Applies the service's pending migrations (before the app starts, so it never sees an older schema). */
export function migrateServiceDatabase(
  definition: Pick<ServiceDefinition, 'root'>,
  databaseUrl: string,
): Promise<string[]> {
  return migrateDatabase(databaseUrl, migrationsDirOf(definition));
}

/**
 * The service as a Nest application on Fastify with its Kafka transport started, not yet listening for HTTP.
 * Tests call this with a configuration of their own.
 */
export async function buildServiceApp<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
  options: { logger?: false } = {},
): Promise<NestFastifyApplication> {
  const module = ServiceModule.forRoot({
    service: definition.name,
    config,
    database: definition.database,
    imports: [definition.module],
  });
  const app = await createHttpApp(module, {
    service: definition.name,
    title: definition.title,
    trustProxy: config.TRUSTED_PROXIES,
    corsOrigins: config.CORS_ORIGINS,
    ...(options.logger === false ? { logger: false } : {}),
  });
  // the app's config stays with HTTP: its JWT guard and problem+json filter mean nothing to a Kafka handler
  app.connectMicroservice({ strategy: app.get(KafkaEventTransport) });
  try {
    await app.startAllMicroservices();
  } catch (error) {
    // the relay, the pool and the consumers already started would otherwise outlive the failed start
    await app.close();
    throw error;
  }
  return app;
}
