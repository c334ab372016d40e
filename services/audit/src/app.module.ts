import { Module } from '@nestjs/common';
import { AnalystModule } from './analyst/analyst.module';
import { TrailModule } from './trail/trail.module';

/** The service's features; the service kit adds configuration, database, messaging, auth and health. */
@Module({ imports: [TrailModule, AnalystModule] })
export class AppModule {}
