import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { TOPIC_SPECS, Topics, deadLetterTopicOf } from '@microbank/contracts';
import { OutboxInspector, TopicNames, pgRawQuery } from '@microbank/messaging';
import {
  REPO_ROOT,
  SilentReporter,
  startServices,
  stopServices,
  type RunningService,
  type StackConnections,
} from '@microbank/stack';
import {
  createServiceDatabase,
  createTestTopics,
  deleteGroupsWithPrefix,
  deleteTestTopics,
  freePort,
  runCleanups,
  testKeys,
  type ServiceTestDatabase,
  type TestKeys,
} from '@microbank/testing';

// every topic the account service reads or writes: it will not start without them
const TOPICS = [Topics.signups, Topics.accounts, Topics.transactions, Topics.cards, Topics.alerts];

/**
 * The account service as a real process (its built dist/main.js, as `pnpm dev` runs it) on a database and topics
 * of its own, so the experiments never touch the demo's data. It runs as the account service's own role.
 */
export class ChaosWorld {
  readonly inspector: OutboxInspector;
  private service: RunningService | undefined;
  private killed = false;
  /** Everything the service wrote, across restarts. */
  readonly logFile: string;
  private readonly log: WriteStream;
  /** Relay batches KafkaJS reported as sent without an acknowledgement for every partition (kafkajs#1303). */
  unprovenBatches = 0;

  private constructor(
    readonly stack: StackConnections,
    readonly kafka: Kafka,
    readonly topics: TopicNames,
    /** Owned by the account service's role, which the service runs as. */
    private readonly serviceDatabase: ServiceTestDatabase,
    /** The stack's admin role on this world's database, for the audit. */
    readonly db: Pool,
    readonly keys: TestKeys,
    readonly port: number,
  ) {
    this.logFile = path.join(os.tmpdir(), `microbank-${serviceDatabase.name}-account.log`);
    this.log = createWriteStream(this.logFile);
    this.inspector = new OutboxInspector(pgRawQuery(db));
  }

  static async create(stack: StackConnections): Promise<ChaosWorld> {
    const id = randomUUID().replaceAll('-', '').slice(0, 10);
    const topics = new TopicNames(`chaos.${id}.`);
    const kafka = new Kafka({
      clientId: 'microbank-chaos',
      brokers: [...stack.kafka.brokers],
      logLevel: logLevel.NOTHING,
    });
    await createTestTopics(
      kafka,
      stack,
      TOPICS.map((topic) => topics.of(topic)),
    );
    const database = await createServiceDatabase(stack, 'account', { name: `chaos_${id}` });
    const db = new Pool({ connectionString: database.adminUrl, max: 3 });
    db.on('error', () => undefined); // idle connections die with a PostgreSQL restart; the next query reconnects
    return new ChaosWorld(stack, kafka, topics, database, db, testKeys(), await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Every topic the service of this world publishes to. */
  get publishedTopics(): string[] {
    return [Topics.accounts, Topics.transactions].map((topic) => this.topics.of(topic));
  }

  /** This world's topics and the business topics: what must be whole again after a fault. */
  get allTopics(): string[] {
    const own = TOPICS.map((topic) => this.topics.of(topic));
    return [...own, ...own.map(deadLetterTopicOf), ...TOPIC_SPECS.map((spec) => spec.name)];
  }

  get transactionsTopic(): string {
    return this.topics.of(Topics.transactions);
  }

  /** Starts the account service and waits until it is ready. */
  async startService(): Promise<void> {
    this.killed = false;
    [this.service] = await startServices(REPO_ROOT, ['account'], new SilentReporter(), {
      ports: { account: this.port },
      echoLogs: false,
      env: {
        account: {
          DATABASE_URL: this.serviceDatabase.url,
          KAFKA_BROKERS: this.stack.kafka.brokers.join(','),
          KAFKA_TOPIC_PREFIX: this.topics.prefix,
          JWT_PUBLIC_KEY: this.keys.publicKey,
        },
      },
    });
    for (const stream of [this.service!.child.stdout!, this.service!.child.stderr!])
      stream.pipe(this.log, { end: false });
    this.service!.child.stdout!.on('data', (chunk: Buffer) => {
      this.unprovenBatches += chunk.toString('utf8').split('no acknowledgement with an offset').length - 1;
    });
  }

  /** SIGKILL: no shutdown hooks, no draining, requests cut off mid-transaction. */
  async killService(): Promise<void> {
    const child = this.service?.child;
    if (!child || child.exitCode !== null) return;
    this.killed = true;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** True once the service's process has ended (other than by killService). */
  get serviceExited(): boolean {
    return this.service !== undefined && this.service.child.exitCode !== null && !this.killed;
  }

  /** The last lines the service logged, for a failure report. */
  serviceLog(): string {
    return this.service?.recentLines.join('\n') ?? '';
  }

  /** Stops the service and removes this world's database, topics and consumer groups. */
  async dispose(): Promise<void> {
    await stopServices(this.service ? [this.service] : []);
    this.log.end();
    await runCleanups([
      () => this.serviceDatabase.drop(),
      () =>
        deleteTestTopics(
          this.kafka,
          TOPICS.map((topic) => this.topics.of(topic)),
        ),
      () => deleteGroupsWithPrefix(this.kafka, this.topics.prefix),
      () => this.db.end(),
    ]).catch((error: unknown) => {
      // the experiment's result stands; what is left over is named, not hidden
      console.warn(`chaos: could not remove all of ${this.topics.prefix}*: ${String(error)}`);
    });
  }
}
