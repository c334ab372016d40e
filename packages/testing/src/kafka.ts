import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { deadLetterTopicOf } from '@microbank/contracts';
import { awaitTopicsOnEveryBroker, waitFor, type StackConnections } from '@microbank/stack';

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
  const all = topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]);
  await awaitTopicsOnEveryBroker(stack.kafka.brokers, all, stack.kafka.minInsyncReplicas);
}

/** Deletes `topics` and their dead-letter topics, those that exist, and `groups`. */
export async function deleteTestTopics(
  kafka: Kafka,
  topics: readonly string[],
  groups: readonly string[] = [],
): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    if (groups.length) await admin.deleteGroups([...groups]).catch(() => undefined);
    // a run that failed while creating its topics has only some of them
    const existing = new Set(await admin.listTopics());
    const ours = topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]).filter((topic) => existing.has(topic));
    if (ours.length) await admin.deleteTopics({ topics: ours });
  });
}

/**
 * Deletes every consumer group whose id starts with `prefix` (a test run's topic prefix names its groups too). A
 * group still has members until the broker gives up on a killed consumer (its session timeout): those are retried.
 */
export async function deleteGroupsWithPrefix(kafka: Kafka, prefix: string): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    await waitFor(
      async () => {
        const { groups } = await admin.listGroups();
        const ours = groups.map((group) => group.groupId).filter((groupId) => groupId.startsWith(prefix));
        if (ours.length === 0) return true;
        await admin.deleteGroups(ours).catch(() => undefined);
        return false;
      },
      { timeoutMs: 90_000, intervalMs: 1_000, what: `the consumer groups of ${prefix} to be deleted` },
    );
  });
}

/** A connected KafkaJS admin for `work`, disconnected afterwards. */
export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
