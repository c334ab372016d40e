import { rm } from 'node:fs/promises';
import { clearActiveProfile, readActiveProfile, writeActiveProfile } from './active-profile';
import { connectionsFile, removeConnections, writeConnections, type StackConnections } from './connections-file';
import { JavaProcesses } from './java-processes';
import { KafkaCluster } from './kafka-cluster';
import type { ManagedProcess } from './managed-process';
import { PostgresServer } from './postgres-server';
import { PROFILE_DEFINITIONS, type Profile } from './profiles';
import { SilentReporter, type Reporter } from './reporter';
import { writeServiceEnvFiles } from './service-env-files';
import { StackError, type ProfileName, type StackConfig } from './stack-config';
import { StackLayout } from './stack-layout';
import { StackLock } from './stack-lock';
import { readStackStatus, type StackStatus } from './stack-status';
import { TopicProvisioner } from './topic-provisioner';
import { ZooKeeperEnsemble } from './zookeeper-ensemble';

/** The local infrastructure: ZooKeeper, Kafka and PostgreSQL as detached processes tracked by PID files. */
export class Stack {
  readonly profile: Profile;
  private readonly layout: StackLayout;
  private readonly lock: StackLock;
  private readonly jvm: JavaProcesses;
  /** Absent when Kafka is external: its ZooKeeper is not ours to run. */
  private readonly zookeeper: ZooKeeperEnsemble | undefined;
  private readonly kafka: KafkaCluster;
  private readonly topics: TopicProvisioner;
  private readonly postgres: PostgresServer;
  private startedAll = false;

  constructor(
    private readonly config: StackConfig,
    private readonly reporter: Reporter = new SilentReporter(),
  ) {
    this.profile = PROFILE_DEFINITIONS[config.profile];
    this.layout = new StackLayout(config.stackDir, config.profile);
    this.lock = new StackLock(config.stackDir, {
      onWait: () => reporter.info('another stack command is running; waiting for it to finish'),
    });
    this.jvm = new JavaProcesses(config, this.profile, this.layout, reporter);
    this.zookeeper = config.externalKafka
      ? undefined
      : new ZooKeeperEnsemble(this.profile, this.layout, this.jvm, reporter);
    this.kafka = new KafkaCluster(config, this.profile, this.layout, this.jvm, reporter);
    this.topics = new TopicProvisioner(this.profile, this.kafka.addresses, reporter);
    this.postgres = new PostgresServer(config, this.layout, reporter);
  }

  static connectionsFile(config: StackConfig): string {
    return connectionsFile(config.stackDir);
  }

  /** The profile whose processes were last started here, if any. */
  static activeProfile(config: StackConfig): Promise<ProfileName | undefined> {
    return readActiveProfile(config.stackDir);
  }

  get brokerAddresses(): string[] {
    return this.kafka.addresses;
  }

  /**
   * True once an `up()` of this Stack found none of its processes running and started them all. Decided under
   * the lock, so an `up` that waited for another one (say `pnpm stack up` in another terminal) never claims its
   * processes: only a caller for which this is true may stop the stack again.
   */
  get startedFromNothing(): boolean {
    return this.startedAll;
  }

  /** Every process of this profile, in start order. */
  async processes(): Promise<ManagedProcess[]> {
    return [...(this.zookeeper?.processes() ?? []), ...this.kafka.processes(), ...(await this.postgres.processes())];
  }

  async process(name: string): Promise<ManagedProcess> {
    const found = (await this.processes()).find((p) => p.name === name);
    if (!found) throw new StackError(`There is no process called ${name} in the ${this.profile.name} profile`);
    return found;
  }

  /** Starts whatever is not running and waits until the whole stack is ready. Safe to run again at any time. */
  async up(): Promise<StackConnections> {
    return this.lock.withLock(async () => {
      const active = await readActiveProfile(this.config.stackDir);
      if (active && active !== this.profile.name && (await this.runningOf(active)).length > 0) {
        throw new StackError(
          `The ${active} stack is running; stop it with 'pnpm stack down' before starting the ${this.profile.name} one.`,
        );
      }
      const foundRunning = await this.runningOf(this.profile.name);
      await writeActiveProfile(this.config.stackDir, this.profile.name);
      if (this.zookeeper) {
        await this.jvm.prepare();
        await this.zookeeper.start();
      }
      await this.kafka.start();
      await this.topics.provision();
      const connections: StackConnections = {
        profile: this.profile.name,
        kafka: {
          brokers: this.kafka.addresses,
          replicationFactor: this.profile.replicationFactor,
          minInsyncReplicas: this.profile.minInsyncReplicas,
        },
        zookeeper: { connect: this.kafka.zookeeperConnect },
        postgres: await this.postgres.start(),
      };
      await writeConnections(this.config.stackDir, connections);
      await writeServiceEnvFiles(this.config.stackDir, connections);
      if (foundRunning.length === 0 && (await this.processes()).length > 0) this.startedAll = true;
      return connections;
    });
  }

  /** Stops every process of this profile (brokers first, so they shut down cleanly while ZooKeeper is there). */
  async down(options: { wipe?: boolean } = {}): Promise<void> {
    await this.lock.withLock(async () => {
      const processes = await this.processes();
      const order = [
        ...processes.filter((p) => p.name.startsWith('kafka-')).reverse(),
        ...processes.filter((p) => p.name.startsWith('zk-')).reverse(),
        ...processes.filter((p) => p.name === 'postgres'),
      ];
      for (const proc of order) {
        if ((await proc.pid()) === undefined) continue;
        await this.reporter.step(`stopping ${proc.name}`, () =>
          // postgres: SIGINT is its "fast" shutdown; SIGTERM would wait for every client to leave
          proc.stop(60_000, proc.name === 'postgres' ? 'SIGINT' : 'SIGTERM'),
        );
      }
      await removeConnections(this.config.stackDir);
      await clearActiveProfile(this.config.stackDir);
      if (options.wipe) {
        const home = this.layout.home;
        await this.reporter.step(`deleting ${home}`, () => rm(home, { recursive: true, force: true }));
      }
    });
  }

  async status(): Promise<StackStatus> {
    return readStackStatus(this.profile, await this.processes(), this.config.postgresPort, this.brokerAddresses);
  }

  /** The names of a profile's processes that are running now. */
  private async runningOf(profile: ProfileName): Promise<string[]> {
    const stack = profile === this.profile.name ? this : new Stack({ ...this.config, profile });
    const running: string[] = [];
    for (const proc of await stack.processes()) if ((await proc.pid()) !== undefined) running.push(proc.name);
    return running;
  }
}
