import { TOPIC_SPECS } from '@microbank/contracts';
import { describeTopics, ensureTopics, isHealthy, withAdmin } from './kafka-admin';
import type { Profile } from './profiles';
import type { Reporter } from './reporter';
import { waitFor } from './wait-for';

const CONSUMER_OFFSETS = '__consumer_offsets';

/** Creates the topics of @microbank/contracts and waits until every partition is led and replicated. */
export class TopicProvisioner {
  constructor(
    private readonly profile: Profile,
    private readonly brokers: readonly string[],
    private readonly reporter: Reporter,
  ) {}

  async provision(): Promise<void> {
    const { replicationFactor, minInsyncReplicas } = this.profile;
    const names = TOPIC_SPECS.map((spec) => spec.name);
    await this.reporter.step(`provisioning ${names.length} topics`, async (progress) => {
      const created = await waitFor(
        () =>
          withAdmin(this.brokers, (admin) => ensureTopics(admin, TOPIC_SPECS, replicationFactor, minInsyncReplicas)),
        { timeoutMs: 60_000, intervalMs: 1_000, what: 'the topics to be created' },
      );
      progress(created.length ? `created ${created.join(', ')}` : 'all topics exist');
      // Kafka creates __consumer_offsets on the first group lookup; do it now, while every broker is up,
      // or the first consumer after a broker loss would find too few brokers for replication factor 3
      await waitFor(() => withAdmin(this.brokers, (admin) => admin.describeGroups(['microbank-stack'])), {
        timeoutMs: 60_000,
        intervalMs: 1_000,
        what: 'the consumer offsets topic',
      });
      await waitFor(
        () =>
          withAdmin(this.brokers, async (admin) =>
            isHealthy(await describeTopics(admin, [...names, CONSUMER_OFFSETS]), minInsyncReplicas),
          ),
        {
          timeoutMs: 120_000,
          intervalMs: 1_000,
          what: `every partition to have a leader and ${minInsyncReplicas} in-sync replicas`,
        },
      );
    });
  }
}
