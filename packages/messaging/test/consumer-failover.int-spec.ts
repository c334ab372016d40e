import { randomUUID } from 'node:crypto';
import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  TOPIC_SPECS,
  Topics,
  UserSignedUpV1,
  createEvent,
  deadLetterTopicOf,
  type EventOf,
} from '@microbank/contracts';
import { deleteTestTopics, stackFor, uniqueName, waitFor, withAdmin } from '@microbank/testing';
import {
  PROFILE_DEFINITIONS,
  awaitTopicsOnEveryBroker,
  describeCluster,
  describeTopics,
  isHealthy,
  type Stack,
} from '@microbank/stack';
import { EventConsumer, TopicNames, type MessagingLogger } from '../src';
import { MessagingTestEnv, type TestPrisma } from './messaging-test-env';

type Signup = EventOf<typeof UserSignedUpV1>;
type Tx = Parameters<Parameters<TestPrisma['$transaction']>[0]>[0];

const EVENTS = 600;
// the producer keeps at most this many events ahead of the consumer, so both are mid-stream when the broker dies
const MAX_LEAD = 40;
const OFFSETS_TOPIC = '__consumer_offsets';

describe('a consumer reading banking.signups while a broker it depends on is killed', () => {
  let env: MessagingTestEnv;
  let stack: Stack;
  const ourTopics: string[] = [];
  let killed: number | undefined;

  beforeAll(async () => {
    env = await MessagingTestEnv.create();
    stack = stackFor(env.stack);
  });

  // even after a failure, the next test and the next file get the whole cluster back
  afterEach(async () => {
    if (killed !== undefined) await stack.up();
    killed = undefined;
    await clusterWhole();
  });

  afterAll(() => env?.dispose());

  it('skips nothing and applies nothing twice when its group coordinator is killed', { timeout: 300_000 }, async () => {
    const run = await consumeWhileKilling(async (admin, _topic, groupId) => groupCoordinator(admin, groupId));

    expect(run.whileDown.coordinator).not.toBe(run.victim);
    await expectEachAppliedOnce(run);
  });

  it(
    'skips nothing and applies nothing twice when the leader of one of its partitions is killed',
    { timeout: 300_000 },
    async () => {
      const run = await consumeWhileKilling(async (admin, topic, groupId) => {
        const coordinator = await groupCoordinator(admin, groupId);
        const [state] = await describeTopics(admin, [topic]);
        // a partition leader that is not the coordinator too, so only the partition's leadership moves
        const leader = state!.partitions.map((p) => p.leader).find((id) => id !== coordinator);
        if (leader === undefined) throw new Error(`broker ${coordinator} leads every partition of ${topic}`);
        return leader;
      });

      expect(run.whileDown.leaders).not.toContain(run.victim);
      await expectEachAppliedOnce(run);
    },
  );

  interface Run {
    readonly topic: string;
    readonly groupId: string;
    readonly victim: number;
    readonly produced: readonly Signup[];
    /** Who coordinated the group and led the topic's partitions while the victim was down. */
    readonly whileDown: { readonly coordinator: number; readonly leaders: readonly number[] };
    /** What the consumer logged besides handled events: the story to read when an assertion fails. */
    readonly incidents: readonly string[];
  }

  /**
   * Streams signups to a consumer over a twin of banking.signups; once a third is handled, kills the broker
   * `chooseVictim` names, lets the consumer get to two thirds without it, restarts it and streams the rest, and
   * waits until the consumer has handled every event and every replica is back in sync.
   */
  async function consumeWhileKilling(
    chooseVictim: (admin: Admin, topic: string, groupId: string) => Promise<number>,
  ): Promise<Run> {
    const topic = await signupsTwin();
    const groupId = env.group(`signups-reader.${randomUUID().slice(0, 8)}`);
    const incidents: string[] = [];
    let handled = 0;
    const consumer = new EventConsumer({
      kafka: env.kafka,
      groupId,
      topics: [topic],
      accepts: [UserSignedUpV1],
      database: env.prisma,
      handler: async (event: Signup, tx: Tx) => {
        // one row per event: a second application would show as updates = 2
        await tx.$executeRaw`
          INSERT INTO test_aggregate (id, applied, updates) VALUES (${event.eventId}, ARRAY[${event.payload.userId}], 1)
          ON CONFLICT (id) DO UPDATE SET applied = test_aggregate.applied || EXCLUDED.applied, updates = test_aggregate.updates + 1`;
        handled++;
      },
      logger: incidentLog(incidents),
    });
    await consumer.start();
    env.onCleanup(() => consumer.stop());

    const events = Array.from({ length: EVENTS }, (_, i) => signup(i));
    let restarted = false;
    // the last third waits for the broker's return, so the consumer also reads across the restart
    const mayPublish = (i: number) => i < handled + MAX_LEAD && (restarted || i < (2 * EVENTS) / 3 + MAX_LEAD);
    const done = new AbortController();
    const streaming = publishSteadily(env.kafka, topic, events, mayPublish, done.signal);
    streaming.catch(() => undefined); // awaited below; until then a failure must not go unhandled
    try {
      await waitFor(() => handled >= EVENTS / 3, { timeoutMs: 60_000, what: 'a third of the events handled' });
      const victim = await withAdmin(env.kafka, (admin) => chooseVictim(admin, topic, groupId));
      await kill(victim);

      await waitFor(() => handled >= (2 * EVENTS) / 3, {
        timeoutMs: 120_000,
        what: `two thirds of the events handled without broker ${victim}`,
      });
      const whileDown = await withAdmin(env.kafka, async (admin) => ({
        coordinator: await groupCoordinator(admin, groupId),
        leaders: (await describeTopics(admin, [topic]))[0]!.partitions.map((p) => p.leader),
      }));
      await stack.up();
      killed = undefined;
      restarted = true;
      await streaming;
      await waitFor(async () => (await env.prisma.inboxEvent.count({ where: { consumer: groupId } })) >= EVENTS, {
        timeoutMs: 120_000,
        what: 'every event handled',
      });
      await clusterWhole();
      return { topic, groupId, victim, produced: events, whileDown, incidents };
    } finally {
      done.abort();
      await consumer.stop().catch(() => undefined); // the failure that brought us here is the one to report
    }
  }

  async function expectEachAppliedOnce({ topic, groupId, produced, incidents }: Run): Promise<void> {
    const story = incidents.join('\n');
    const rows = await env.prisma.aggregate.findMany({ where: { id: { in: produced.map((e) => e.eventId) } } });
    expect(rows.length, `events applied, of ${produced.length}\n${story}`).toBe(produced.length);
    expect(
      rows.filter((row) => row.updates !== 1),
      `events applied more than once\n${story}`,
    ).toEqual([]);
    expect(await env.prisma.inboxEvent.count({ where: { consumer: groupId } })).toBe(produced.length);

    // the group's committed offset of each partition reaches its end: nothing is left to be read again
    const positions = await waitFor(
      () =>
        withAdmin(env.kafka, async (admin) => {
          const ends = await admin.fetchTopicOffsets(topic);
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          const at = (partition: number) => committed!.partitions.find((p) => p.partition === partition)?.offset;
          return ends.every((end) => at(end.partition) === end.high) ? ends : undefined;
        }),
      { timeoutMs: 30_000, what: `the committed offsets of ${groupId} at the end of ${topic}` },
    );
    expect(positions.reduce((sum, p) => sum + Number(p.high), 0)).toBeGreaterThanOrEqual(produced.length);
  }

  /** A topic of the test's own, created as the stack creates banking.signups, with its dead-letter topic. */
  async function signupsTwin(): Promise<string> {
    const names = new TopicNames(`${uniqueName('test')}.`);
    const specs = TOPIC_SPECS.filter((s) => [Topics.signups, deadLetterTopicOf(Topics.signups)].includes(s.name));
    const { replicationFactor, minInsyncReplicas } = env.stack.kafka;
    await withAdmin(env.kafka, (admin) =>
      admin.createTopics({
        waitForLeaders: true,
        topics: specs.map((spec) => ({
          topic: names.of(spec.name),
          numPartitions: spec.partitions,
          replicationFactor,
          configEntries: Object.entries({ ...spec.config, 'min.insync.replicas': String(minInsyncReplicas) }).map(
            ([name, value]) => ({ name, value }),
          ),
        })),
      }),
    );
    const topic = names.of(Topics.signups);
    ourTopics.push(topic, deadLetterTopicOf(topic));
    env.onCleanup(() => deleteTestTopics(env.kafka, [topic]));
    await awaitTopicsOnEveryBroker(env.stack.kafka.brokers, [topic], env.stack.kafka.minInsyncReplicas);
    return topic;
  }

  async function kill(brokerId: number): Promise<void> {
    const broker = PROFILE_DEFINITIONS[env.stack.profile].brokers.find((b) => b.id === brokerId)!;
    killed = brokerId;
    await (await stack.process(broker.name)).kill();
  }

  /** Every broker registered and every replica of the topics in play in sync. */
  async function clusterWhole(): Promise<void> {
    const { brokers, replicationFactor } = PROFILE_DEFINITIONS[env.stack.profile];
    const topics = [...TOPIC_SPECS.map((s) => s.name), OFFSETS_TOPIC, env.transactionsTopic, ...ourTopics];
    await waitFor(
      () =>
        withAdmin(env.kafka, async (admin) => {
          const cluster = await describeCluster(admin);
          return (
            cluster.brokerIds.length === brokers.length &&
            isHealthy(await describeTopics(admin, topics), replicationFactor)
          );
        }),
      { timeoutMs: 120_000, intervalMs: 1_000, what: 'every broker up and every replica in sync' },
    );
  }
});

/**
 * The broker coordinating `groupId`: Kafka keeps a group on the __consumer_offsets partition its id hashes to
 * (Java's String.hashCode), and that partition's leader is the coordinator.
 */
async function groupCoordinator(admin: Admin, groupId: string): Promise<number> {
  const [offsets] = await describeTopics(admin, [OFFSETS_TOPIC]);
  const hash = javaHashCode(groupId);
  // Kafka's Utils.abs maps Integer.MIN_VALUE to 0
  const partition = (hash === -(2 ** 31) ? 0 : Math.abs(hash)) % offsets!.partitions.length;
  return offsets!.partitions.find((p) => p.partition === partition)!.leader;
}

function javaHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

function signup(i: number): Signup {
  const userId = randomUUID();
  return createEvent(
    UserSignedUpV1,
    userId,
    { userId, email: `user-${i}@example.com`, fullName: `User ${i}`, country: 'GB' },
    { source: 'user', correlationId: `failover-${i}` },
  );
}

/**
 * Publishes `events` one at a time with acks=all and an idempotent producer, each once `mayPublish` lets it;
 * an event counts as sent only once its acknowledgement carries an offset.
 */
async function publishSteadily(
  kafka: Kafka,
  topic: string,
  events: readonly Signup[],
  mayPublish: (index: number) => boolean,
  stop: AbortSignal,
): Promise<void> {
  let producer: Producer | undefined;
  try {
    for (const [i, event] of events.entries()) {
      await waitFor(() => stop.aborted || mayPublish(i), {
        timeoutMs: 180_000,
        intervalMs: 20,
        what: `turn of signup ${i}`,
      });
      if (stop.aborted) return;
      await waitFor(
        async () => {
          try {
            producer ??= await connected(
              kafka.producer({
                idempotent: true,
                maxInFlightRequests: 1,
                createPartitioner: Partitioners.DefaultPartitioner,
                allowAutoTopicCreation: false,
              }),
            );
            const [ack] = await producer.send({
              topic,
              acks: -1,
              messages: [
                { key: event.aggregateId, value: JSON.stringify(event), headers: { 'event-id': event.eventId } },
              ],
            });
            // KafkaJS can resolve a send without an acknowledgement when a broker dies mid-request
            if (ack?.errorCode !== 0 || ack.baseOffset === undefined) throw new Error('no acknowledgement');
            return true;
          } catch (error) {
            // a fresh producer id next time: stale sequence numbers must not wedge the stream
            await producer?.disconnect().catch(() => undefined);
            producer = undefined;
            throw error;
          }
        },
        { timeoutMs: 60_000, intervalMs: 200, what: `signup ${i} acknowledged` },
      );
    }
  } finally {
    await producer?.disconnect().catch(() => undefined);
  }
}

async function connected(producer: Producer): Promise<Producer> {
  await producer.connect();
  return producer;
}

/** Keeps everything the consumer logs but its one line per handled event: retries, crashes, skipped redeliveries. */
function incidentLog(incidents: string[]): MessagingLogger {
  const note = (level: string) => (message: string, fields?: object) => {
    if (message !== 'handled event')
      incidents.push(`${new Date().toISOString()} ${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { info: note('info'), warn: note('warn'), error: note('error') };
}
