import { TOPIC_SPECS, Topics } from '@microbank/contracts';
import { TopicNames } from '@microbank/messaging';

/** The contract topics the dashboard shows, and their real names under this run's prefix. */
export class DashboardTopics {
  readonly names: TopicNames;
  /** Business topics, their dead-letter topics and the audit checkpoints: everything the stack provisions. */
  readonly contract: readonly string[] = TOPIC_SPECS.map((spec) => spec.name);
  readonly alerts = Topics.alerts;

  constructor(prefix: string) {
    this.names = new TopicNames(prefix);
  }

  real(topic: string): string {
    return this.names.of(topic);
  }

  /** The contract name of a real topic, or undefined for one that is not ours (another run's, Kafka's own). */
  contractOf(realTopic: string): string | undefined {
    const { prefix } = this.names;
    if (!realTopic.startsWith(prefix)) return undefined;
    const name = realTopic.slice(prefix.length);
    return this.contract.includes(name) ? name : undefined;
  }

  /** Consumer groups of the services under this prefix (`<prefix>microbank.<service>.<name>`). */
  isServiceGroup(groupId: string): boolean {
    return groupId.startsWith(`${this.names.prefix}microbank.`);
  }
}
