import { Inject } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import type { DashboardConfig } from '../config';

export const DASHBOARD_KAFKA = Symbol('DASHBOARD_KAFKA');

/** Injects the dashboard's KafkaJS client. */
export const InjectKafka = () => Inject(DASHBOARD_KAFKA);

/**
 * A client that gives up quickly: the dashboard must show a broker's death, not wait for it. KafkaJS's own logs
 * stay off — a dead broker is what the page shows, not an error; the services that poll log their failures.
 */
export function dashboardKafka(config: DashboardConfig): Kafka {
  return new Kafka({
    clientId: 'microbank-dashboard',
    brokers: config.KAFKA_BROKERS,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
    logLevel: logLevel.NOTHING,
  });
}
