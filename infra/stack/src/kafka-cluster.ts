import type { JavaProcesses } from './java-processes';
import { describeCluster, withAdmin } from './kafka-admin';
import { writeBrokerConfig, writeLog4jConfig } from './kafka-broker';
import type { ManagedProcess } from './managed-process';
import { START_TIMEOUT_MS, failIfDied, startIfStopped } from './process-start';
import type { Profile } from './profiles';
import type { Reporter } from './reporter';
import type { StackConfig } from './stack-config';
import type { StackLayout } from './stack-layout';
import { waitFor } from './wait-for';
import { zookeeperConnect } from './zookeeper';

/** The Kafka brokers: the profile's own, started here, or an external cluster (e.g. docker compose) awaited. */
export class KafkaCluster {
  constructor(
    private readonly config: StackConfig,
    private readonly profile: Profile,
    private readonly layout: StackLayout,
    private readonly jvm: JavaProcesses,
    private readonly reporter: Reporter,
  ) {}

  get addresses(): string[] {
    if (this.config.externalKafka) return [...this.config.externalKafka.brokers];
    return this.profile.brokers.map((broker) => `127.0.0.1:${broker.port}`);
  }

  get zookeeperConnect(): string {
    if (this.config.externalKafka) return this.config.externalKafka.zookeeperConnect ?? 'external';
    return zookeeperConnect(this.profile);
  }

  /** The broker processes this stack runs: none for an external cluster. */
  processes(): ManagedProcess[] {
    if (this.config.externalKafka) return [];
    return this.profile.brokers.map((broker) => this.jvm.process(broker.name, 'kafka'));
  }

  /** Starts the brokers that are not running (ZooKeeper must be up) and waits until every one has registered. */
  async start(): Promise<void> {
    if (this.config.externalKafka) return this.awaitExternal();
    const brokers = this.profile.brokers;
    await this.reporter.step(
      `starting Kafka (${brokers.length} broker${brokers.length > 1 ? 's' : ''})`,
      async (progress) => {
        await writeLog4jConfig(this.layout.confDir, 'kafka');
        const started: ManagedProcess[] = [];
        for (const broker of brokers) {
          await writeBrokerConfig(this.profile, broker, this.layout.dataDir, this.layout.confDir);
          const kafka = this.jvm.process(broker.name, 'kafka');
          if (await startIfStopped(kafka, [broker.port])) started.push(kafka);
        }
        const expected = brokers.map((broker) => broker.id).join(',');
        await waitFor(
          () =>
            withAdmin(this.addresses, async (admin) => {
              const cluster = await describeCluster(admin);
              progress(
                `${cluster.brokerIds.length}/${brokers.length} brokers registered, controller ${cluster.controllerId ?? 'none'}`,
              );
              return cluster.brokerIds.join(',') === expected && cluster.controllerId !== null;
            }),
          {
            timeoutMs: START_TIMEOUT_MS,
            intervalMs: 1_000,
            what: `brokers ${expected} to register`,
            onPending: () => failIfDied(started),
          },
        );
      },
    );
  }

  private async awaitExternal(): Promise<void> {
    const addresses = this.addresses.join(', ');
    await this.reporter.step(`waiting for the Kafka cluster at ${addresses}`, async (progress) => {
      await waitFor(
        () =>
          withAdmin(this.addresses, async (admin) => {
            const cluster = await describeCluster(admin);
            progress(`${cluster.brokerIds.length} brokers registered`);
            return cluster.brokerIds.length >= this.profile.replicationFactor && cluster.controllerId !== null;
          }),
        {
          timeoutMs: START_TIMEOUT_MS,
          intervalMs: 1_000,
          what: `${this.profile.replicationFactor} brokers at ${addresses}`,
        },
      );
    });
  }
}
