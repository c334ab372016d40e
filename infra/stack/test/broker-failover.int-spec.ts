import { TOPIC_SPECS } from '@microbank/contracts';
import type { Consumer, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitTopicsOnEveryBroker, describeCluster, describeTopics, isHealthy, waitFor, type TopicState } from '../src';
import { runningStack, uniqueName, withTestAdmin, type RunningStack } from './support';

describe('losing a broker', () => {
  let env: RunningStack;
  const topic = uniqueName('probe.failover');
  const allTopics = [...TOPIC_SPECS.map((s) => s.name), topic];
  let producer: Producer;
  let consumer: Consumer | undefined;
  let victim: { name: string; id: number } | undefined;

  beforeAll(async () => {
    env = await runningStack();
    if (env.profile.brokers.length < 3) {
      throw new Error(`Failover needs the full profile (3 brokers); the ${env.profile.name} stack is up.`);
    }
    await withTestAdmin(env.kafka, (admin) =>
      admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            numPartitions: 3,
            replicationFactor: env.profile.replicationFactor,
            configEntries: [{ name: 'min.insync.replicas', value: String(env.profile.minInsyncReplicas) }],
          },
        ],
      }),
    );
    await awaitTopicsOnEveryBroker(env.connections.kafka.brokers, [topic], env.profile.minInsyncReplicas);
    producer = env.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await consumer?.disconnect();
    // bring the cluster back whole for whatever runs next: restart the broker and wait for full ISRs
    if (victim) await env.stack.up();
    await waitFor(
      () =>
        withTestAdmin(env.kafka, async (admin) =>
          isHealthy(await describeTopics(admin, allTopics), env.profile.replicationFactor),
        ),
      { timeoutMs: 120_000, intervalMs: 1_000, what: 'every replica back in sync' },
    );
    await withTestAdmin(env.kafka, async (admin) => {
      if (consumer) await admin.deleteGroups([`${topic}.reader`]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] });
    });
  });

  it('keeps every partition led and acknowledged messages readable after a SIGKILL', async () => {
    const before = Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 6}`, value: `before-${i}` }));
    await producer.send({ topic, acks: -1, messages: before });

    // kill a broker that leads at least one partition of the test topic, so a leader must move
    const [ourTopic] = await withTestAdmin(env.kafka, (admin) => describeTopics(admin, [topic]));
    const leaderId = ourTopic!.partitions[0]!.leader;
    victim = env.profile.brokers.find((broker) => broker.id === leaderId)!;
    await (await env.stack.process(victim.name)).kill();

    const survivors = env.profile.brokers.filter((b) => b.id !== victim!.id).map((b) => b.id);
    const topics = await waitFor(
      () =>
        withTestAdmin(env.kafka, async (admin) => {
          const state = await describeTopics(admin, allTopics);
          const settled = state.every((t) =>
            t.partitions.every((p) => survivors.includes(p.leader) && !p.isr.includes(victim!.id)),
          );
          return settled && isHealthy(state, env.profile.minInsyncReplicas) ? state : undefined;
        }),
      { timeoutMs: 60_000, intervalMs: 1_000, what: `leaders to move off broker ${victim.id}` },
    );

    expectLedBySurvivors(topics, survivors, env.profile.minInsyncReplicas);
    const cluster = await withTestAdmin(env.kafka, describeCluster);
    expect(cluster.brokerIds).toEqual(survivors);
    expect(survivors).toContain(cluster.controllerId);

    // two in-sync replicas still satisfy min.insync.replicas=2, so acks=all writes go on
    const after = Array.from({ length: 10 }, (_, i) => ({ key: `k${i % 6}`, value: `after-${i}` }));
    await producer.send({ topic, acks: -1, messages: after });

    const readers = env.kafka.consumer({ groupId: `${topic}.reader` });
    consumer = readers;
    // one entry per record in the log, however often a rebalance hands it over
    const records = new Map<string, string>();
    await readers.subscribe({ topic, fromBeginning: true });
    await readers.run({
      eachMessage: async ({ partition, message }) =>
        void records.set(`${partition}/${message.offset}`, message.value!.toString()),
    });
    await waitFor(() => records.size >= before.length + after.length, {
      timeoutMs: 60_000,
      what: 'every acknowledged message',
    });

    expect([...records.values()].sort()).toEqual([...before, ...after].map((m) => m.value).sort());
  });
});

function expectLedBySurvivors(topics: readonly TopicState[], survivors: readonly number[], minIsr: number): void {
  for (const t of topics) {
    for (const p of t.partitions) {
      expect(survivors, `${t.name}-${p.partition} leader`).toContain(p.leader);
      expect(p.isr.length, `${t.name}-${p.partition} ISR`).toBeGreaterThanOrEqual(minIsr);
    }
  }
}
