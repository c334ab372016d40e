import { TOPIC_SPECS } from '@microbank/contracts';
import { CompressionTypes, type Consumer, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitTopicsOnEveryBroker, waitFor } from '../src';
import { runningStack, uniqueName, withTestAdmin, type RunningStack } from './support';

// One twin per provisioned topic, created from the same spec and deleted afterwards: the round trip
// exercises exactly the topic settings the services get, without leaving test messages in business topics.
describe('producing with acks=all and consuming back', () => {
  let env: RunningStack;
  const run = uniqueName('probe');
  const twins = TOPIC_SPECS.map((spec) => ({ spec, name: `${run}.${spec.name}` }));
  let producer: Producer;
  let consumer: Consumer;

  beforeAll(async () => {
    env = await runningStack();
    await withTestAdmin(env.kafka, (admin) =>
      admin.createTopics({
        waitForLeaders: true,
        topics: twins.map(({ spec, name }) => ({
          topic: name,
          numPartitions: spec.partitions,
          replicationFactor: env.profile.replicationFactor,
          configEntries: [
            ...Object.entries(spec.config).map(([key, value]) => ({ name: key, value })),
            { name: 'min.insync.replicas', value: String(env.profile.minInsyncReplicas) },
          ],
        })),
      }),
    );
    await awaitTopicsOnEveryBroker(
      env.connections.kafka.brokers,
      twins.map((t) => t.name),
      env.profile.minInsyncReplicas,
    );
    producer = env.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    consumer = env.kafka.consumer({ groupId: run });
    await producer.connect();
    await consumer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await consumer?.disconnect();
    await withTestAdmin(env.kafka, async (admin) => {
      await admin.deleteGroups([run]).catch(() => undefined);
      await admin.deleteTopics({ topics: twins.map((t) => t.name) });
    });
  });

  it('returns every acknowledged message, in order for each key, on every topic', async () => {
    const keys = ['account-a', 'account-b', 'account-c', 'account-d', 'account-e'];
    const sent = twins.flatMap(({ name }) =>
      Array.from({ length: 40 }, (_, i) => ({ topic: name, key: keys[i % keys.length]!, value: `${name}#${i}` })),
    );

    for (const { name } of twins) {
      const batch = sent.filter((m) => m.topic === name);
      const acks = await producer.send({
        topic: name,
        acks: -1, // all in-sync replicas, which must be at least min.insync.replicas
        compression: CompressionTypes.None,
        messages: batch.map(({ key, value }) => ({ key, value })),
      });
      expect(acks.every((ack) => ack.errorCode === 0)).toBe(true);
    }

    // consumers are at-least-once: a rebalance while the new topics settle may hand a record over twice, so
    // records are counted by their place in the log (one offset is one record) and read in offset order
    const records = new Map<string, { topic: string; key: string; value: string; partition: number; offset: bigint }>();
    await consumer.subscribe({ topics: twins.map((t) => t.name), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        records.set(`${topic}/${partition}/${message.offset}`, {
          topic,
          partition,
          offset: BigInt(message.offset),
          key: message.key!.toString(),
          value: message.value!.toString(),
        });
      },
    });
    await waitFor(() => records.size >= sent.length, { timeoutMs: 60_000, what: `${sent.length} messages` });
    const received = [...records.values()].sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(a.offset - b.offset),
    );

    // exactly the records sent: the idempotent producer wrote none of them twice
    expect(received).toHaveLength(sent.length);
    for (const { name } of twins) {
      for (const key of keys) {
        const inOrder = sent.filter((m) => m.topic === name && m.key === key).map((m) => m.value);
        const got = received.filter((m) => m.topic === name && m.key === key);
        expect(
          got.map((m) => m.value),
          `${name} key ${key}`,
        ).toEqual(inOrder);
        // the key decides the partition, which is what keeps one account's events in order
        expect(new Set(got.map((m) => m.partition)).size).toBe(1);
      }
    }
  });
});
