import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import type { TopicSpec } from '@microbank/contracts';
import { waitFor } from './wait-for';

export interface PartitionState {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface TopicState {
  readonly name: string;
  readonly partitions: readonly PartitionState[];
}

export interface ClusterState {
  readonly brokerIds: readonly number[];
  readonly controllerId: number | null;
}

/** A short-lived KafkaJS admin client for the stack's checks; the brokers' own logs say why a call failed. */
export async function withAdmin<T>(brokers: readonly string[], work: (admin: Admin) => Promise<T>): Promise<T> {
  const kafka = new Kafka({
    clientId: 'microbank-stack',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { retries: 2, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function describeCluster(admin: Admin): Promise<ClusterState> {
  const cluster = await admin.describeCluster();
  return {
    brokerIds: cluster.brokers.map((broker) => broker.nodeId).sort((a, b) => a - b),
    controllerId: cluster.controller,
  };
}

export async function describeTopics(admin: Admin, names: readonly string[]): Promise<TopicState[]> {
  const metadata = await admin.fetchTopicMetadata({ topics: [...names] });
  return metadata.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions
      .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
      .sort((a, b) => a.partition - b.partition),
  }));
}

/**
 * Creates the topics that do not exist yet and brings the configuration of existing ones to their spec (a stack
 * made by an older version keeps its messages but takes the new retention). Partition counts are left as they are:
 * adding partitions would move keys to other partitions. Returns the names created.
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  replicationFactor: number,
  minInsyncReplicas: number,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const configOf = (spec: TopicSpec): Record<string, string> => ({
    ...spec.config,
    'min.insync.replicas': String(minInsyncReplicas),
  });
  for (const spec of specs.filter((s) => existing.has(s.name))) {
    const wanted = configOf(spec);
    const actual = await topicConfig(admin, spec.name);
    if (Object.entries(wanted).every(([name, value]) => actual[name] === value)) continue;
    await admin.alterConfigs({
      validateOnly: false,
      // not incremental: the set given replaces the topic's overrides, and it is every override we set
      resources: [{ type: ConfigResourceTypes.TOPIC, name: spec.name, configEntries: entriesOf(wanted) }],
    });
  }
  const missing = specs.filter((spec) => !existing.has(spec.name));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((spec) => ({
      topic: spec.name,
      numPartitions: spec.partitions,
      replicationFactor,
      configEntries: entriesOf(configOf(spec)),
    })),
  });
  return missing.map((spec) => spec.name);
}

function entriesOf(config: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(config).map(([name, value]) => ({ name, value }));
}

export async function topicConfig(admin: Admin, topic: string): Promise<Record<string, string>> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
  });
  const entries = described.resources[0]?.configEntries ?? [];
  return Object.fromEntries(entries.map((entry) => [entry.configName, entry.configValue]));
}

/** True when every partition has a leader and at least `minIsr` in-sync replicas. */
export function isHealthy(topics: readonly TopicState[], minIsr: number): boolean {
  return topics.every(
    (topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0 && p.isr.length >= minIsr),
  );
}

/**
 * Waits until each broker, asked on its own, has `topics` with leaders and at least `minIsr` in-sync replicas.
 * `createTopics({ waitForLeaders })` is not enough: KafkaJS fails a subscribe, without retrying, when the broker
 * it asks has not heard of the topic yet, as a broker restarted a moment ago may not have.
 */
export async function awaitTopicsOnEveryBroker(
  brokers: readonly string[],
  topics: readonly string[],
  minIsr: number,
): Promise<void> {
  await waitFor(
    async () => {
      for (const broker of brokers) {
        if (!isHealthy(await withAdmin([broker], (admin) => describeTopics(admin, topics)), minIsr)) return false;
      }
      return true;
    },
    { timeoutMs: 30_000, what: `every broker to know ${topics.join(', ')}` },
  );
}
