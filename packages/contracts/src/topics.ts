/** Every Kafka topic Microbank uses. The stack provisions exactly these; producers and consumers import the names. */
export const Topics = {
  signups: 'banking.signups',
  accounts: 'banking.accounts',
  transactions: 'banking.transactions',
  cards: 'banking.cards',
  alerts: 'banking.alerts',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Where a consumer parks a message it can never process, so the partition keeps moving. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlt`;
}

/** How a topic is created. Replication comes from the stack profile (3 on the full cluster, 1 on the lite one). */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly config: Readonly<Record<string, string>>;
}

/**
 * Where the audit service publishes its signed checkpoints: outside its database, so a rewritten audit table
 * cannot also rewrite them. Not a business topic: no service consumes it as events and it has no dead-letter topic.
 */
export const AUDIT_CHECKPOINTS_TOPIC = 'audit.checkpoints';

/**
 * Kept forever (no time or size limit, no compaction): the log is the system of record. The reporting service
 * rebuilds its read models by replaying it from the first offset, and the audit trail records every message, so a
 * message deleted by retention would be a statement line or an audit record that can no longer be proved. A bank
 * would tier old segments to cheaper storage rather than delete them; the demo's volume is megabytes.
 */
const FOREVER = { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' } as const;

const businessTopic = (name: string): TopicSpec => ({
  name,
  // keyed by aggregate id, so three partitions keep one account's events in order while spreading load
  partitions: 3,
  config: FOREVER,
});

const deadLetter = (topic: TopicName): TopicSpec => ({
  name: deadLetterTopicOf(topic),
  partitions: 3,
  // dead letters wait for a human, and the audit trail records them like any other message
  config: FOREVER,
});

// one partition: the checkpoints of one chain, in the order they were signed
const auditCheckpoints: TopicSpec = { name: AUDIT_CHECKPOINTS_TOPIC, partitions: 1, config: FOREVER };

/** The topics the stack creates (auto-creation is off on the brokers), and the configuration each one keeps. */
export const TOPIC_SPECS: readonly TopicSpec[] = [
  ...Object.values(Topics).flatMap((topic) => [businessTopic(topic), deadLetter(topic)]),
  auditCheckpoints,
];
