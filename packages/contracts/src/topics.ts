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

const businessTopic = (name: string): TopicSpec => ({
  name,
  // keyed by aggregate id, so three partitions keep one account's events in order while spreading load
  partitions: 3,
  config: { 'cleanup.policy': 'delete', 'retention.ms': String(7 * 24 * 60 * 60 * 1000) },
});

const deadLetter = (topic: TopicName): TopicSpec => ({
  name: deadLetterTopicOf(topic),
  partitions: 3,
  // dead letters wait for a human, so they outlive the business topics
  config: { 'cleanup.policy': 'delete', 'retention.ms': String(30 * 24 * 60 * 60 * 1000) },
});

/** The topics the stack creates (auto-creation is off on the brokers). */
export const TOPIC_SPECS: readonly TopicSpec[] = Object.values(Topics).flatMap((topic) => [
  businessTopic(topic),
  deadLetter(topic),
]);
