/**
 * `pnpm bench`: outbox relay throughput and commit-to-consume latency on the running stack, next to Kafka's own
 * kafka-producer-perf-test (acks=all) against the same cluster. Uses a database and topics of its own.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { withAdmin, waitFor } from '@microbank/testing';
import { OutboxRelay, type OutboxRelayOptions, type OutboxRow } from '../src/outbox-relay';
import { MessagingTestEnv, commitEach, posting } from '../test/messaging-test-env';

const THROUGHPUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 1_000);
const LATENCY_RATE_PER_S = 100;
const PERF_TEST_RECORDS = Number(process.env.BENCH_PERF_RECORDS ?? 100_000);

async function main(): Promise<void> {
  const env = await MessagingTestEnv.create();
  try {
    const throughput = await relayThroughput(env, 'one request per batch');
    const perPartition = await relayThroughput(env, 'one request per partition', (options) =>
      PerPartitionRelay.create(env, options),
    );
    const latency = await commitToConsumeLatency(env);
    const perfTest = await producerPerfTest(env);
    const eventBytes = Buffer.byteLength(JSON.stringify(posting(crypto.randomUUID(), 0)));

    console.log('\nResults (one machine, replication factor %d, acks=all)', env.stack.kafka.replicationFactor);
    console.log(
      `  outbox relay throughput        ${throughput.toFixed(0)} events/s (${THROUGHPUT_EVENTS} events of ~${eventBytes} B)`,
    );
    console.log(
      `  … one request per partition    ${perPartition.toFixed(0)} events/s (the alternative, so no request spans brokers)`,
    );
    console.log(
      `  commit-to-consume latency      p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms (${LATENCY_EVENTS} events at ${LATENCY_RATE_PER_S}/s)`,
    );
    console.log(
      `  kafka-producer-perf-test       ${perfTest.toFixed(0)} records/s (${PERF_TEST_RECORDS} records of ${eventBytes} B)`,
    );
    console.log(`  relay / raw producer           ${((throughput / perfTest) * 100).toFixed(1)} %`);
  } finally {
    await env.dispose();
  }
}

async function relayThroughput(
  env: MessagingTestEnv,
  label: string,
  relayFor: (options: Partial<OutboxRelayOptions>) => Promise<OutboxRelay> | OutboxRelay = (options) =>
    env.relay(options),
): Promise<number> {
  step(`${label}: writing ${THROUGHPUT_EVENTS} outbox rows (500 per transaction)`);
  const outbox = env.outbox();
  const accounts = Array.from({ length: 100 }, () => crypto.randomUUID());
  for (let start = 0; start < THROUGHPUT_EVENTS; start += 500) {
    const batch = Array.from({ length: Math.min(500, THROUGHPUT_EVENTS - start) }, (_, i) =>
      posting(accounts[(start + i) % 100]!, start + i),
    );
    await env.prisma.$transaction(async (tx) => {
      for (const event of batch) await outbox.add(tx, event);
    });
  }
  step(`${label}: relaying them`);
  const relay = await relayFor({ batchSize: 1_000 });
  const started = performance.now();
  relay.start();
  await waitFor(async () => (await env.prisma.outboxEvent.count({ where: { publishedAt: null } })) === 0, {
    timeoutMs: 600_000,
    intervalMs: 50,
    what: 'every row published',
  });
  const seconds = (performance.now() - started) / 1000;
  await relay.stop();
  return THROUGHPUT_EVENTS / seconds;
}

/** The option the relay does not take: each partition's rows in a request of its own, sent side by side. */
class PerPartitionRelay extends OutboxRelay {
  private readonly partitioner = Partitioners.DefaultPartitioner();

  private constructor(
    options: OutboxRelayOptions,
    private readonly partitions: PartitionMetadata[],
  ) {
    super(options);
  }

  static async create(env: MessagingTestEnv, options: Partial<OutboxRelayOptions>): Promise<PerPartitionRelay> {
    const metadata = await withAdmin(env.kafka, (admin) =>
      admin.fetchTopicMetadata({ topics: [env.transactionsTopic] }),
    );
    const relay = new PerPartitionRelay(
      { databaseUrl: env.database.url, kafka: env.kafka, service: 'bench', pollIntervalMs: 500, ...options },
      metadata.topics[0]!.partitions,
    );
    env.onCleanup(() => relay.stop());
    return relay;
  }

  protected override async publish(rows: readonly OutboxRow[]): Promise<void> {
    const byPartition = new Map<number, OutboxRow[]>();
    for (const row of rows) {
      const partition = this.partitioner({
        topic: row.topic,
        partitionMetadata: this.partitions,
        message: { key: row.message_key, value: null },
      });
      const group = byPartition.get(partition) ?? [];
      group.push(row);
      byPartition.set(partition, group);
    }
    await Promise.all([...byPartition.values()].map((group) => super.publish(group)));
  }
}

async function commitToConsumeLatency(env: MessagingTestEnv): Promise<{ p50: number; p99: number }> {
  step(`measuring commit-to-consume latency over ${LATENCY_EVENTS} events`);
  const committedAt = new Map<string, number>();
  const receivedAt = new Map<string, number>();
  const consumer = env.kafka.consumer({ groupId: env.group('latency') });
  await consumer.connect();
  await consumer.subscribe({ topic: env.transactionsTopic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const id = message.headers?.['event-id']?.toString();
      // a message can arrive before the writer has noted its commit time, so both sides are kept
      if (id !== undefined && !receivedAt.has(id)) receivedAt.set(id, performance.now());
    },
  });
  env.relay().start();
  const outbox = env.outbox();
  const account = crypto.randomUUID();
  for (let i = 0; i < LATENCY_EVENTS; i++) {
    const tick = performance.now();
    const event = posting(account, i);
    await commitEach(env.prisma, outbox, [event]);
    committedAt.set(event.eventId, performance.now());
    const wait = 1000 / LATENCY_RATE_PER_S - (performance.now() - tick);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait)); // pacing the load, not awaiting a result
  }
  await waitFor(() => [...committedAt.keys()].every((id) => receivedAt.has(id)), {
    timeoutMs: 120_000,
    what: 'every event consumed',
  });
  await consumer.disconnect();
  const latencies = [...committedAt].map(([id, at]) => receivedAt.get(id)! - at).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

async function producerPerfTest(env: MessagingTestEnv): Promise<number> {
  const topic = `${env.topics.prefix}perf`;
  const recordSize = Buffer.byteLength(JSON.stringify(posting(crypto.randomUUID(), 0)));
  await withAdmin(env.kafka, (admin) =>
    admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 3,
          replicationFactor: env.stack.kafka.replicationFactor,
          configEntries: [{ name: 'min.insync.replicas', value: String(env.stack.kafka.minInsyncReplicas) }],
        },
      ],
    }),
  );
  env.onCleanup(() => withAdmin(env.kafka, (admin) => admin.deleteTopics({ topics: [topic] })));
  step(`kafka-producer-perf-test: ${PERF_TEST_RECORDS} records, acks=all`);
  const libs = path.resolve(__dirname, '..', '..', '..', 'infra', 'kafka', 'libs', '*');
  const output = await run('java', [
    '-Xmx512m',
    '-cp',
    libs,
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    topic,
    '--num-records',
    String(PERF_TEST_RECORDS),
    '--record-size',
    String(recordSize),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${env.stack.kafka.brokers.join(',')}`,
    'acks=all',
    'enable.idempotence=true',
  ]);
  const summary = /(\d+) records sent, ([\d.]+) records\/sec/.exec(
    output
      .split('\n')
      .filter((l) => l.includes('records sent'))
      .at(-1) ?? '',
  );
  if (!summary) throw new Error(`could not read kafka-producer-perf-test's summary:\n${output}`);
  return Number(summary[2]);
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited ${code}:\n${output}`)),
    );
  });
}

function step(text: string): void {
  console.log(`▸ ${text}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
