import path from 'node:path';
import type { Type } from '@nestjs/common';
import type { Source } from '@microbank/contracts';
import type { DatabaseClientClass } from './database-client';
import type { ServiceConfig } from './service-env';

/** What makes one service different from another; the kit does the rest. See docs/adding-a-service.md. */
export interface ServiceDefinition<C extends ServiceConfig = ServiceConfig> {
  /** Its name in events (`source`), logs, consumer groups and `.stack/env/<name>.env`. */
  readonly name: Source;
  /** The OpenAPI document's title. */
  readonly title: string;
  /** The service's package folder (`prisma/migrations` lies under it). */
  readonly root: string;
  readonly loadConfig: (env?: NodeJS.ProcessEnv) => C;
  /** The service's PrismaService class. */
  readonly database: DatabaseClientClass;
  /** The root of the service's own modules: its features, controllers and consumers. */
  readonly module: Type;
}

export function defineService<C extends ServiceConfig>(definition: ServiceDefinition<C>): ServiceDefinition<C> {
  return definition;
}

export function migrationsDirOf(definition: Pick<ServiceDefinition, 'root'>): string {
  return path.join(definition.root, 'prisma', 'migrations');
}
