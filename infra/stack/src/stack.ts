import net from 'node:net';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TOPIC_SPECS } from '@microbank/contracts';
import { writeBrokerConfig, writeLog4jConfig } from './kafka-broker';
import { describeCluster, describeTopics, ensureTopics, isHealthy, withAdmin, type TopicState } from './kafka-admin';
import { fetchKafkaJars, kafkaJarsPresent, requireJava } from './kafka-jars';
import { ManagedProcess } from './managed-process';
import { Client } from 'pg';
import {
  adminUrl,
  embeddedPostgresProcess,
  initialiseEmbeddedPostgres,
  loadOrCreateCredentials,
  provisionServiceDatabases,
  verifyServiceLogins,
  type ServiceDatabase,
} from './postgres';
import { PROFILE_DEFINITIONS, type Profile } from './profiles';
import { SilentReporter, type Reporter } from './reporter';
import { SERVICE_PORTS, type ServiceName } from './services';
import { ensureJwtKeys } from './jwt-keys';
import { StackError, type ProfileName, type StackConfig } from './stack-config';
import { waitFor } from './wait-for';
import { fourLetterWord, writeZooKeeperConfig, zookeeperConnect, zookeeperMode, type ZooKeeperMode } from './zookeeper';

/** What services and tests read to reach the running stack (also written to .stack/connections.json). */
export interface StackConnections {
  readonly profile: ProfileName;
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly replicationFactor: number;
    readonly minInsyncReplicas: number;
  };
  readonly zookeeper: { readonly connect: string };
  readonly postgres: { readonly adminUrl: string; readonly services: Readonly<Record<ServiceName, ServiceDatabase>> };
}

export interface ProcessStatus {
  readonly name: string;
  readonly pid: number | undefined;
  readonly address: string;
  readonly role?: ZooKeeperMode;
}

export interface StackStatus {
  readonly profile: ProfileName;
  readonly processes: readonly ProcessStatus[];
  readonly zookeeperLeader: string | undefined;
  readonly controllerId: number | null | undefined;
  readonly brokerIds: readonly number[];
  readonly topics: readonly TopicState[];
}

const START_TIMEOUT_MS = 180_000;
const CONSUMER_OFFSETS = '__consumer_offsets';

/** The local infrastructure: ZooKeeper, Kafka and PostgreSQL as detached processes tracked by PID files. */
export class Stack {
  readonly profile: Profile;
  private readonly home: string;

  constructor(
    private readonly config: StackConfig,
    private readonly reporter: Reporter = new SilentReporter(),
  ) {
    this.profile = PROFILE_DEFINITIONS[config.profile];
    // one folder per profile, so switching profiles never mixes cluster metadata
    this.home = path.join(config.stackDir, config.profile);
  }

  static connectionsFile(config: StackConfig): string {
    return path.join(config.stackDir, 'connections.json');
  }

  /** The profile whose processes were last started here, if any. */
  static async activeProfile(config: StackConfig): Promise<ProfileName | undefined> {
    const text = await readFile(path.join(config.stackDir, 'active-profile'), 'utf8').catch(() => '');
    const name = text.trim();
    return name === 'full' || name === 'lite' ? name : undefined;
  }

  private dir(kind: 'data' | 'conf' | 'run' | 'logs'): string {
    return path.join(this.home, kind);
  }

  get brokerAddresses(): string[] {
    if (this.config.externalKafka) return [...this.config.externalKafka.brokers];
    return this.profile.brokers.map((broker) => `127.0.0.1:${broker.port}`);
  }

  private get usesEmbeddedPostgres(): boolean {
    return this.config.postgresAdminUrl === undefined;
  }

  /** Every process of this profile, in start order. */
  async processes(): Promise<ManagedProcess[]> {
    const local = this.config.externalKafka === undefined;
    const zookeepers = local ? this.profile.zookeepers.map((zk) => this.javaProcess(zk.name, 'zookeeper')) : [];
    const brokers = local ? this.profile.brokers.map((broker) => this.javaProcess(broker.name, 'kafka')) : [];
    const postgres = this.usesEmbeddedPostgres ? [await this.postgresProcess()] : [];
    return [...zookeepers, ...brokers, ...postgres];
  }

  async process(name: string): Promise<ManagedProcess> {
    const found = (await this.processes()).find((p) => p.name === name);
    if (!found) throw new StackError(`There is no process called ${name} in the ${this.profile.name} profile`);
    return found;
  }

  /** Starts whatever is not running and waits until the whole stack is ready. Safe to run again at any time. */
  async up(): Promise<StackConnections> {
    return this.withLock(async () => {
      const active = await Stack.activeProfile(this.config);
      if (active && active !== this.profile.name && (await this.anyRunning(active))) {
        throw new StackError(
          `The ${active} stack is running; stop it with 'pnpm stack down' before starting the ${this.profile.name} one.`,
        );
      }
      await writeFile(path.join(this.config.stackDir, 'active-profile'), `${this.profile.name}\n`);
      if (this.config.externalKafka) {
        await this.awaitExternalKafka();
      } else {
        await this.prepareJvm();
        await this.startZooKeeper();
        await this.startKafka();
      }
      await this.provisionTopics();
      const services = await this.startPostgres();
      const connections: StackConnections = {
        profile: this.profile.name,
        kafka: {
          brokers: this.brokerAddresses,
          replicationFactor: this.profile.replicationFactor,
          minInsyncReplicas: this.profile.minInsyncReplicas,
        },
        zookeeper: {
          connect: this.config.externalKafka
            ? (this.config.externalKafka.zookeeperConnect ?? 'external')
            : zookeeperConnect(this.profile),
        },
        postgres: services,
      };
      await this.writeConnections(connections);
      return connections;
    });
  }

  /** Stops the processes this stack started (brokers first, so they shut down cleanly while ZooKeeper is there). */
  async down(options: { wipe?: boolean } = {}): Promise<void> {
    await this.withLock(async () => {
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
      await rm(Stack.connectionsFile(this.config), { force: true });
      await rm(path.join(this.config.stackDir, 'active-profile'), { force: true });
      if (options.wipe) {
        await this.reporter.step(`deleting ${this.home}`, () => rm(this.home, { recursive: true, force: true }));
      }
    });
  }

  async status(): Promise<StackStatus> {
    const processes: ProcessStatus[] = [];
    for (const proc of await this.processes()) {
      const zk = this.profile.zookeepers.find((node) => node.name === proc.name);
      const broker = this.profile.brokers.find((b) => b.name === proc.name);
      const port = zk?.clientPort ?? broker?.port ?? this.config.postgresPort;
      const pid = await proc.pid();
      processes.push({
        name: proc.name,
        pid,
        address: `127.0.0.1:${port}`,
        ...(zk ? { role: await zookeeperMode(zk) } : {}),
      });
    }
    const leader = processes.find((p) => p.role === 'leader' || p.role === 'standalone')?.name;
    const cluster = await withAdmin(this.brokerAddresses, async (admin) => ({
      ...(await describeCluster(admin)),
      topics: await describeTopics(
        admin,
        TOPIC_SPECS.map((spec) => spec.name),
      ),
    })).catch(() => undefined);
    return {
      profile: this.profile.name,
      processes,
      zookeeperLeader: leader,
      controllerId: cluster?.controllerId,
      brokerIds: cluster?.brokerIds ?? [],
      topics: cluster?.topics ?? [],
    };
  }

  private async awaitExternalKafka(): Promise<void> {
    await this.reporter.step(
      `waiting for the Kafka cluster at ${this.brokerAddresses.join(', ')}`,
      async (progress) => {
        await waitFor(
          () =>
            withAdmin(this.brokerAddresses, async (admin) => {
              const cluster = await describeCluster(admin);
              progress(`${cluster.brokerIds.length} brokers registered`);
              return cluster.brokerIds.length >= this.profile.replicationFactor && cluster.controllerId !== null;
            }),
          {
            timeoutMs: START_TIMEOUT_MS,
            intervalMs: 1_000,
            what: `${this.profile.replicationFactor} brokers at ${this.brokerAddresses.join(', ')}`,
          },
        );
      },
    );
  }

  private async prepareJvm(): Promise<void> {
    requireJava(this.config.java);
    if (await kafkaJarsPresent(this.config)) return;
    await this.reporter.step('fetching the Kafka 3.9 jars from Maven Central (first run only)', () =>
      fetchKafkaJars(this.config, path.join(this.dir('logs'), 'maven.log')),
    );
  }

  private async startZooKeeper(): Promise<void> {
    const nodes = this.profile.zookeepers;
    await this.reporter.step(
      `starting ZooKeeper (${nodes.length} node${nodes.length > 1 ? 's' : ''})`,
      async (progress) => {
        await writeLog4jConfig(this.dir('conf'), 'zookeeper');
        const started: ManagedProcess[] = [];
        for (const node of nodes) {
          await writeZooKeeperConfig(this.profile, node, this.dir('data'), this.dir('conf'));
          const zookeeper = this.javaProcess(node.name, 'zookeeper');
          if (await this.startIfStopped(zookeeper, [node.clientPort, node.peerPort, node.electionPort]))
            started.push(zookeeper);
        }
        const ensemble = nodes.length > 1;
        await waitFor(
          async () => {
            const modes = await Promise.all(nodes.map((node) => zookeeperMode(node)));
            const ok = await Promise.all(nodes.map((node) => fourLetterWord(node.clientPort, 'ruok').catch(() => '')));
            progress(
              `${ok.filter((answer) => answer === 'imok').length}/${nodes.length} answer ruok, modes: ${modes.join(', ')}`,
            );
            const leaders = modes.filter((mode) => mode === 'leader').length;
            return ensemble
              ? leaders === 1 && modes.every((mode) => mode === 'leader' || mode === 'follower')
              : modes[0] === 'standalone';
          },
          {
            timeoutMs: START_TIMEOUT_MS,
            what: 'a ZooKeeper quorum with one leader',
            onPending: () => this.failIfDied(started),
          },
        );
      },
    );
  }

  private async startKafka(): Promise<void> {
    const brokers = this.profile.brokers;
    await this.reporter.step(
      `starting Kafka (${brokers.length} broker${brokers.length > 1 ? 's' : ''})`,
      async (progress) => {
        await writeLog4jConfig(this.dir('conf'), 'kafka');
        const started: ManagedProcess[] = [];
        for (const broker of brokers) {
          await writeBrokerConfig(this.profile, broker, this.dir('data'), this.dir('conf'));
          const kafka = this.javaProcess(broker.name, 'kafka');
          if (await this.startIfStopped(kafka, [broker.port])) started.push(kafka);
        }
        const expected = brokers.map((broker) => broker.id).join(',');
        await waitFor(
          () =>
            withAdmin(this.brokerAddresses, async (admin) => {
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
            onPending: () => this.failIfDied(started),
          },
        );
      },
    );
  }

  private async provisionTopics(): Promise<void> {
    const names = TOPIC_SPECS.map((spec) => spec.name);
    await this.reporter.step(`provisioning ${names.length} topics`, async (progress) => {
      const created = await waitFor(
        () =>
          withAdmin(this.brokerAddresses, (admin) =>
            ensureTopics(admin, TOPIC_SPECS, this.profile.replicationFactor, this.profile.minInsyncReplicas),
          ),
        { timeoutMs: 60_000, intervalMs: 1_000, what: 'the topics to be created' },
      );
      progress(created.length ? `created ${created.join(', ')}` : 'all topics exist');
      // Kafka creates __consumer_offsets on the first group lookup; do it now, while every broker is up,
      // or the first consumer after a broker loss would find too few brokers for replication factor 3
      await waitFor(() => withAdmin(this.brokerAddresses, (admin) => admin.describeGroups(['microbank-stack'])), {
        timeoutMs: 60_000,
        intervalMs: 1_000,
        what: 'the consumer offsets topic',
      });
      await waitFor(
        () =>
          withAdmin(this.brokerAddresses, async (admin) => {
            const topics = await describeTopics(admin, [...names, CONSUMER_OFFSETS]);
            return isHealthy(topics, this.profile.minInsyncReplicas);
          }),
        {
          timeoutMs: 120_000,
          intervalMs: 1_000,
          what: `every partition to have a leader and ${this.profile.minInsyncReplicas} in-sync replicas`,
        },
      );
    });
  }

  private async startPostgres(): Promise<StackConnections['postgres']> {
    return this.reporter.step('starting PostgreSQL and the service databases', async (progress) => {
      const credentials = await loadOrCreateCredentials(path.join(this.dir('data'), 'postgres-credentials.json'));
      let admin = this.config.postgresAdminUrl;
      if (admin === undefined) {
        progress('initialising the data directory');
        await initialiseEmbeddedPostgres(this.postgresDataDir, credentials);
        const server = await this.postgresProcess();
        const started = await this.startIfStopped(server, [this.config.postgresPort]);
        admin = adminUrl('127.0.0.1', this.config.postgresPort, credentials);
        const url = admin;
        progress('waiting for connections');
        await waitFor(() => canConnect(url), {
          timeoutMs: 60_000,
          intervalMs: 250,
          what: 'PostgreSQL to accept connections',
          onPending: () => this.failIfDied(started ? [server] : []),
        });
      }
      progress('creating databases and roles');
      const databases = await provisionServiceDatabases(admin, credentials.servicePasswords);
      await verifyServiceLogins(databases);
      return {
        adminUrl: admin,
        services: Object.fromEntries(databases.map((db) => [db.service, db])) as Record<ServiceName, ServiceDatabase>,
      };
    });
  }

  private get postgresDataDir(): string {
    return path.join(this.dir('data'), 'postgres');
  }

  private postgresProcess(): Promise<ManagedProcess> {
    return embeddedPostgresProcess(this.postgresDataDir, this.config.postgresPort, this.dir('run'), this.dir('logs'));
  }

  private javaProcess(name: string, kind: 'zookeeper' | 'kafka'): ManagedProcess {
    const heap = kind === 'kafka' ? this.config.kafkaHeap : this.config.zookeeperHeap;
    const mainClass = kind === 'kafka' ? 'kafka.Kafka' : 'org.apache.zookeeper.server.quorum.QuorumPeerMain';
    const configFile = path.join(this.dir('conf'), kind === 'kafka' ? `${name}.properties` : `${name}.cfg`);
    return new ManagedProcess(
      {
        name,
        command: this.config.java,
        args: [
          `-Xms${heap}`,
          `-Xmx${heap}`,
          // two cores shared by six JVMs: a serial collector and few compiler threads start fastest
          '-XX:+UseSerialGC',
          '-XX:CICompilerCount=2',
          '-Djava.awt.headless=true',
          '-Djava.net.preferIPv4Stack=true',
          `-Dlog4j.configuration=file:${path.join(this.dir('conf'), `log4j-${kind}.properties`)}`,
          `-Dmicrobank.stack=${this.profile.name}/${name}`,
          '-cp',
          path.join(this.config.kafkaLibs, '*'),
          mainClass,
          configFile,
        ],
        cwd: this.home,
        marker: `-Dmicrobank.stack=${this.profile.name}/${name}`,
      },
      this.dir('run'),
      this.dir('logs'),
    );
  }

  /** Starts a process unless ours is already running; refuses ports another program holds. */
  private async startIfStopped(proc: ManagedProcess, ports: readonly number[]): Promise<boolean> {
    if ((await proc.pid()) !== undefined) return false;
    for (const port of ports) {
      if (!(await isPortFree(port))) {
        throw new StackError(`Port ${port}, needed by ${proc.name}, is taken by another program.`);
      }
    }
    await proc.start();
    return true;
  }

  private async failIfDied(started: readonly ManagedProcess[]): Promise<void> {
    for (const proc of started) {
      if ((await proc.pid()) === undefined) {
        throw new StackError(`${proc.name} exited during start-up; the end of ${proc.logFile}:`, await proc.logTail());
      }
    }
  }

  private async anyRunning(profile: ProfileName): Promise<boolean> {
    const other = new Stack({ ...this.config, profile });
    for (const proc of await other.processes()) {
      if ((await proc.pid()) !== undefined) return true;
    }
    return false;
  }

  private async writeConnections(connections: StackConnections): Promise<void> {
    await writeFile(Stack.connectionsFile(this.config), `${JSON.stringify(connections, null, 2)}\n`, { mode: 0o600 });
    const keys = await ensureJwtKeys(path.join(this.config.stackDir, 'keys'));
    const envDir = path.join(this.config.stackDir, 'env');
    await mkdir(envDir, { recursive: true });
    for (const db of Object.values(connections.postgres.services)) {
      const lines = [
        `DATABASE_URL=${db.url}`,
        `KAFKA_BROKERS=${connections.kafka.brokers.join(',')}`,
        `PORT=${SERVICE_PORTS[db.service]}`,
        `JWT_PUBLIC_KEY_FILE=${keys.publicKeyFile}`,
        // only the user service signs tokens, so only it gets the private key and the first analyst
        ...(db.service === 'user'
          ? [
              `JWT_PRIVATE_KEY_FILE=${keys.privateKeyFile}`,
              'ANALYST_EMAIL=analyst@microbank.local',
              `ANALYST_PASSWORD=${keys.analystPassword}`,
            ]
          : []),
      ];
      await writeFile(path.join(envDir, `${db.service}.env`), `${lines.join('\n')}\n`, { mode: 0o600 });
    }
  }

  /** One `up` or `down` at a time; a second caller waits for the first and then finds nothing to do. */
  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    await mkdir(this.config.stackDir, { recursive: true });
    const lockFile = path.join(this.config.stackDir, 'stack.lock');
    const acquire = async () => {
      try {
        const handle = await open(lockFile, 'wx');
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        return true;
      } catch {
        const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
        if (!Number.isInteger(holder) || !isAlive(holder)) await rm(lockFile, { force: true }); // left by a crash
        return false;
      }
    };
    if (!(await acquire())) {
      this.reporter.info('another stack command is running; waiting for it to finish');
      await waitFor(acquire, { timeoutMs: 10 * 60_000, intervalMs: 500, what: 'the other stack command' });
    }
    try {
      return await work();
    } finally {
      await rm(lockFile, { force: true });
    }
  }
}

/** Reads the connections written by the last successful `up`, or undefined when no stack is up. */
export async function readConnections(config: StackConfig): Promise<StackConnections | undefined> {
  const text = await readFile(Stack.connectionsFile(config), 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as StackConnections) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}
