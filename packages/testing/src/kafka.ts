import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { StackConnections } from '@microbank/stack';

/** A KafkaJS client for tests; only errors are logged, so failures stand out. */
export function testKafka(stack: StackConnections, clientId = 'microbank-test'): Kafka {
  return new Kafka({ clientId, brokers: [...stack.kafka.brokers], logLevel: logLevel.ERROR });
}

/** A name no other test run uses, for topics and consumer groups a test creates and deletes. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 8)}`;
}
