import type { Admin, Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KafkaReadiness } from './kafka-readiness';

// a stand-in for the KafkaJS client: what is counted here is how the check uses connections, not Kafka
function fakeKafka(answers: (() => Promise<unknown>)[]) {
  const counts = { admins: 0, connects: 0, disconnects: 0 };
  const kafka = {
    admin: () => {
      counts.admins++;
      return {
        connect: async () => void counts.connects++,
        disconnect: async () => void counts.disconnects++,
        describeCluster: () => answers.shift()!(),
      } as unknown as Admin;
    },
  } as unknown as Kafka;
  return { kafka, counts };
}

const healthy = async () => ({ controller: 1, brokers: [{ nodeId: 1 }], clusterId: 'c' });

describe('KafkaReadiness', () => {
  it('answers every probe over one admin connection', async () => {
    const { kafka, counts } = fakeKafka([healthy, healthy, healthy]);
    const readiness = new KafkaReadiness(kafka);
    for (let i = 0; i < 3; i++) await readiness.check();
    expect(counts).toEqual({ admins: 1, connects: 1, disconnects: 0 });
    await readiness.onApplicationShutdown();
    expect(counts.disconnects).toBe(1);
  });

  it('drops the connection after a failed probe and connects again on the next', async () => {
    const { kafka, counts } = fakeKafka([
      () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9092')),
      async () => ({ controller: null, brokers: [] }),
      healthy,
    ]);
    const readiness = new KafkaReadiness(kafka);
    await expect(readiness.check()).rejects.toThrow('ECONNREFUSED');
    await expect(readiness.check()).rejects.toThrow('no controller');
    await readiness.check();
    expect(counts).toEqual({ admins: 3, connects: 3, disconnects: 2 });
  });
});
