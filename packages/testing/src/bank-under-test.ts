import { randomBytes, randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { AUDIT_CHECKPOINTS_TOPIC, Topics } from '@microbank/contracts';
import {
  REPO_ROOT,
  SilentReporter,
  startServices,
  stopServices,
  waitFor,
  type RunningService,
  type ServiceName,
} from '@microbank/stack';
import { httpRequest, type TestRequest } from './http-request';
import { freePort } from './free-port';
import { createTestTopics, deleteGroupsWithPrefix, deleteTestTopics, testKafka, uniqueName } from './kafka';
import { withPgClient } from './pg-client';
import { runCleanups } from './service-under-test';
import { createServiceDatabase, type ServiceTestDatabase } from './service-database';
import { stackConnections } from './stack-connections';
import { signTestToken, testKeys } from './test-tokens';
import { TopicRecorder } from './topic-recorder';

export interface Reply<T> {
  readonly status: number;
  readonly body: T;
}

export interface Customer {
  readonly userId: string;
  readonly token: string;
  readonly account: { id: string; iban: string; kind: string; currency: string };
}

// with the audit service's checkpoints, so a run with it has them on a topic of its own too
const ALL_TOPICS = [
  Topics.signups,
  Topics.accounts,
  Topics.transactions,
  Topics.cards,
  Topics.alerts,
  AUDIT_CHECKPOINTS_TOPIC,
];

/**
 * The built services as real processes (their dist/main.js, as `pnpm dev` runs them), on databases and topics of
 * this run only (each service migrates its database as it starts): nothing connects them but Kafka, and nothing
 * they write reaches the demo's data. A service can be killed and started again on the same port and database.
 */
export class BankUnderTest {
  readonly urls = {} as Record<ServiceName, string>;
  readonly databases = {} as Record<ServiceName, ServiceTestDatabase>;
  /** Every line every service logged. */
  readonly logs: string[] = [];
  readonly networkKey = randomBytes(32).toString('hex');
  private readonly running = new Map<ServiceName, RunningService>();
  private readonly env = {} as Record<ServiceName, NodeJS.ProcessEnv>;
  private readonly ports = {} as Record<ServiceName, number>;
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  private readonly keys = testKeys();
  private constructor(
    readonly prefix: string,
    readonly recorder: TopicRecorder,
    private readonly kafka: Kafka,
  ) {}

  static async start(
    services: readonly ServiceName[],
    extraEnv: Partial<Record<ServiceName, NodeJS.ProcessEnv>> = {},
  ): Promise<BankUnderTest> {
    const stack = await stackConnections();
    const kafka = testKafka(stack);
    const prefix = `${uniqueName('e2e')}.`;
    const topics = ALL_TOPICS.map((topic) => `${prefix}${topic}`);
    const cleanups: (() => Promise<unknown>)[] = [];
    try {
      cleanups.push(() => deleteTestTopics(kafka, topics));
      cleanups.push(() => deleteGroupsWithPrefix(kafka, prefix));
      await createTestTopics(kafka, stack, topics);
      const recorder = await new TopicRecorder(kafka, `${prefix}recorder`).start(topics);
      cleanups.push(() => recorder.stop());
      const bank = new BankUnderTest(prefix, recorder, kafka);
      bank.cleanups.push(...cleanups);

      const { keys } = bank;
      const shared = { KAFKA_BROKERS: stack.kafka.brokers.join(','), KAFKA_TOPIC_PREFIX: prefix };
      for (const name of services) {
        const db = await createServiceDatabase(stack, name);
        bank.cleanups.push(() => db.drop());
        bank.databases[name] = db;
        bank.ports[name] = await freePort();
        bank.urls[name] = `http://127.0.0.1:${bank.ports[name]}`;
        // everything the services need, so nothing comes from the demo's .stack/env files
        bank.env[name] = {
          ...shared,
          DATABASE_URL: db.url,
          JWT_PUBLIC_KEY: keys.publicKey,
          ...(name === 'user' ? { JWT_PRIVATE_KEY: keys.privateKey } : {}),
          ...(name === 'card'
            ? {
                CARD_PAN_KEY: randomBytes(32).toString('hex'),
                CARD_CVC_KEY: randomBytes(32).toString('hex'),
                CARD_NETWORK_KEY: bank.networkKey,
              }
            : {}),
          ...extraEnv[name],
        };
      }
      bank.cleanups.push(() => stopServices([...bank.running.values()]));
      await bank.launch(services);
      return bank;
    } catch (error) {
      await runCleanups(cleanups);
      throw error;
    }
  }

  async stop(): Promise<void> {
    await runCleanups(this.cleanups);
  }

  /** SIGKILL: no draining, no goodbye to Kafka or the database, as a crash. */
  async kill(name: ServiceName): Promise<void> {
    const service = this.running.get(name)!;
    this.running.delete(name);
    if (service.child.exitCode !== null) return;
    const exited = new Promise((resolve) => service.child.once('exit', resolve));
    service.child.kill('SIGKILL');
    await exited;
  }

  /** Starts a killed service again, on its port and database; resolves once it is ready. */
  async restart(name: ServiceName): Promise<void> {
    await this.launch([name]);
  }

  async call<T>(
    service: ServiceName,
    method: string,
    path: string,
    init: TestRequest & { key?: string; network?: boolean } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.key) headers['idempotency-key'] = init.key;
    if (init.network) headers.authorization = `Bearer ${this.networkKey}`;
    const response = await httpRequest(this.urls[service], method, path, { ...init, headers });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** A new customer, signed up through the user service, with the current account the account service opened. */
  async customer(name: string): Promise<Customer> {
    const credentials = { email: `${uniqueName(name)}@e2e.microbank.local`, password: 'a long enough password' };
    const signup = await this.call<{ id: string }>('user', 'POST', '/v1/users', {
      body: { ...credentials, fullName: name, country: 'GB' },
    });
    if (signup.status !== 201) throw new Error(`signup of ${name} answered ${signup.status}`);
    const login = await this.call<{ accessToken: string }>('user', 'POST', '/v1/auth/login', { body: credentials });
    if (login.status !== 200) throw new Error(`login of ${name} answered ${login.status}`);
    const token = login.body.accessToken;
    // the account service opens the current account when it consumes UserSignedUp
    const [current] = await waitFor(
      async () => {
        const accounts = await this.call<{ items: Customer['account'][] }>('account', 'GET', '/v1/accounts', {
          token,
        });
        return accounts.body.items.length > 0 ? accounts.body.items : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `${name}'s current account` },
    );
    return { userId: signup.body.id, token, account: current! };
  }

  /** A bank analyst (staff): a token the services accept, as the user service would sign it. */
  async analyst(): Promise<{ userId: string; token: string }> {
    const userId = randomUUID();
    const token = await signTestToken(this.keys.privateKey, {
      userId,
      email: `${userId}@staff.microbank.local`,
      role: 'analyst',
    });
    return { userId, token };
  }

  /** A query on a service's database, behind its back (as the stack's admin). */
  async databaseRows<T = Record<string, unknown>>(service: ServiceName, sql: string): Promise<T[]> {
    return withPgClient(this.databases[service].adminUrl, async (client) => (await client.query(sql)).rows as T[]);
  }

  /** Every row of every table of a service's database, as text: to search it for what must never be stored. */
  async everyRowAsText(service: ServiceName): Promise<string[]> {
    const tables = await this.databaseRows<{ name: string }>(
      service,
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    const rows = await Promise.all(
      tables.map(({ name }) => this.databaseRows<{ row: string }>(service, `SELECT t::text AS row FROM ${name} t`)),
    );
    return rows.flat().map(({ row }) => row);
  }

  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Sends a message as it is to this run's copy of `topic` (a contract topic name): e.g. a recorded one, again. */
  async produce(topic: string, key: string | null, value: string | null): Promise<void> {
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({ topic: this.topic(topic), acks: -1, messages: [{ key, value }] });
    } finally {
      await producer.disconnect();
    }
  }

  private async launch(names: readonly ServiceName[]): Promise<void> {
    const started = await startServices(REPO_ROOT, names, new SilentReporter(), {
      ports: Object.fromEntries(names.map((name) => [name, this.ports[name]])),
      echoLogs: false,
      env: Object.fromEntries(names.map((name) => [name, this.env[name]])),
      onLine: (_service, line) => this.logs.push(line),
    });
    for (const service of started) this.running.set(service.name, service);
  }
}
