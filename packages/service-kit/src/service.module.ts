import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { Source } from '@microbank/contracts';
import { SqlClient } from '@microbank/database';
import { AuthModule, HealthModule } from '@microbank/http';
import { KafkaReadiness, MessagingModule, outboxHealthCheck } from '@microbank/messaging';
import {
  connectDatabase,
  type ConnectedDatabase,
  type DatabaseClient,
  type DatabaseClientClass,
} from './database-client';
import { DatabaseLifecycle } from './database-lifecycle';
import { SERVICE_CONFIG } from './service-config.token';
import type { ServiceConfig } from './service-env';

const CONNECTED_DATABASE = Symbol('CONNECTED_DATABASE');

export interface ServiceModuleOptions {
  readonly service: Source;
  readonly config: ServiceConfig;
  /** The service's PrismaService class: provided under itself, so repositories inject it by type. */
  readonly database: DatabaseClientClass;
  /** The service's feature modules. */
  readonly imports: readonly Type[];
}

/**
 * Everything a service needs besides its features, wired the same way in every service: the configuration
 * (SERVICE_CONFIG), its PrismaService on a pg pool (and a SqlClient on the same pool), the outbox and the Kafka transport, JWT auth on every route,
 * and /health/live + /health/ready (database, Kafka, outbox lag).
 */
@Module({})
export class ServiceModule {
  static forRoot(options: ServiceModuleOptions): DynamicModule {
    const { config, database } = options;
    return {
      module: ServiceModule,
      global: true,
      imports: [
        MessagingModule.forRoot({
          service: options.service,
          databaseUrl: config.DATABASE_URL,
          brokers: config.KAFKA_BROKERS,
          database,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
        }),
        AuthModule.forRoot({ publicKey: config.JWT_PUBLIC_KEY }),
        HealthModule.forRoot({
          inject: [database, KafkaReadiness],
          checks: (client: DatabaseClient, kafka: KafkaReadiness) => ({
            database: async () => void (await client.$queryRawUnsafe('SELECT 1')),
            kafka: () => kafka.check(),
            outbox: outboxHealthCheck(client),
          }),
        }),
        ...options.imports,
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: CONNECTED_DATABASE, useFactory: () => connectDatabase(database, config.DATABASE_URL) },
        {
          provide: database,
          useFactory: (connected: ConnectedDatabase<DatabaseClient>) => connected.client,
          inject: [CONNECTED_DATABASE],
        },
        // the same pool, without Prisma: for the few paths whose CPU per statement matters (see SqlClient)
        {
          provide: SqlClient,
          useFactory: (connected: ConnectedDatabase<DatabaseClient>) => new SqlClient(connected.pool),
          inject: [CONNECTED_DATABASE],
        },
        {
          provide: DatabaseLifecycle,
          useFactory: (connected: ConnectedDatabase<DatabaseClient>) => new DatabaseLifecycle(connected),
          inject: [CONNECTED_DATABASE],
        },
      ],
      exports: [SERVICE_CONFIG, database, SqlClient],
    };
  }
}
