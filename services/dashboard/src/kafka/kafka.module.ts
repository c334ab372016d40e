import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { DashboardConfig } from '../config';
import { DASHBOARD_CONFIG } from '../dashboard-config.token';
import { DashboardTopics } from './dashboard-topics';
import { DASHBOARD_KAFKA, dashboardKafka } from './kafka-client';

/** The configuration, the KafkaJS client and the topic names, for every feature. */
@Global()
@Module({})
export class KafkaModule {
  static forRoot(config: DashboardConfig): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        { provide: DASHBOARD_CONFIG, useValue: config },
        { provide: DASHBOARD_KAFKA, useValue: dashboardKafka(config) },
        { provide: DashboardTopics, useValue: new DashboardTopics(config.KAFKA_TOPIC_PREFIX) },
      ],
      exports: [DASHBOARD_CONFIG, DASHBOARD_KAFKA, DashboardTopics],
    };
  }
}
