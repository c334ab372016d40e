import type { OnApplicationShutdown } from '@nestjs/common';
import type { ConnectedDatabase, DatabaseClient } from './database-client';

/**
 * Closes the service's database in the shutdown hook, which Nest runs after it closed the Kafka transport
 * (a consumer finishes the message in hand through this client).
 */
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly database: ConnectedDatabase<DatabaseClient>) {}

  onApplicationShutdown(): Promise<void> {
    return this.database.close();
  }
}
