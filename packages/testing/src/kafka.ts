import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { deadLetterTopicOf } from '@microbank/contracts';
import { describeTopics, isHealthy, waitFor, type StackConnections } from '@microbank/stack';

/** A KafkaJS client for tests; only errors are logged, so failures stand out. */
export function testKafka(stack: StackConnections, clientId = 'microbank-test'): Kafka {
  return new Kafka({ clientId, brokers: [...stack.kafka.brokers], logLevel: logLevel.NOTHING });
}

/** A name no other test run uses, for topics and consumer groups a test creates and deletes. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 8)}`;
}

/** Creates `topics` and their dead-letter topics the way the stack provisions business topics. */
export async function createTestTopics(
  kafka: Kafka,
  stack: StackConnections,
  topics: readonly string[],
): Promise<void> {
  await withAdmin(kafka, (admin) =>
    admin.createTopics({
      waitForLeaders: true,
      topics: topics
        .flatMap((topic) => [topic, deadLetterTopicOf(topic)])
        .map((topic) => ({
          topic,
          numPartitions: 3,
          replicationFactor: stack.kafka.replicationFactor,
          configEntries: [{ name: 'min.insync.replicas', value: String(stack.kafka.minInsyncReplicas) }],
        })),
    }),
  );
  await everyBrokerKnows(stack, topics);
}

/**
 * Waits until each broker, asked on its own, has `topics` with their leaders: KafkaJS fails a subscribe, without
 * retrying, when the broker it asks has not heard of a topic yet (as a broker restarted a moment ago may not have).
 */
export async function everyBrokerKnows(stack: StackConnections, topics: readonly string[]): Promise<void> {
  await waitFor(
    async () => {
      for (const broker of stack.kafka.brokers) {
        const alone = new Kafka({ clientId: 'microbank-test', brokers: [broker], logLevel: logLevel.NOTHING });
        const state = await withAdmin(alone, (admin) => describeTopics(admin, topics));
        if (!isHealthy(state, stack.kafka.minInsyncReplicas)) return false;
      }
      return true;
    },
    { timeoutMs: 30_000, what: `every broker to know ${topics.join(', ')}` },
  );
}

export async function deleteTestTopics(
  kafka: Kafka,
  topics: readonly string[],
  groups: readonly string[] = [],
): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    if (groups.length) await admin.deleteGroups([...groups]).catch(() => undefined);
    await admin.deleteTopics({ topics: topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]) });
  });
}

export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
