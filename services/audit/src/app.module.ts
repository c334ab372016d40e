import { Module } from '@nestjs/common';

/** The service's features; the service kit adds configuration, database, messaging, auth and health. */
@Module({ imports: [] })
export class AppModule {}
