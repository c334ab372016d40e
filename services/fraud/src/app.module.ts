import { Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { CustomersModule } from './customers/customers.module';
import { DetectionModule } from './detection/detection.module';

/** The service's features; the service kit adds configuration, database, messaging, auth and health. */
@Module({ imports: [CustomersModule, DetectionModule, AlertsModule] })
export class AppModule {}
