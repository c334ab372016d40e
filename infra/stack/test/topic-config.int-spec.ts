import type { TopicSpec } from '@microbank/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics, topicConfig } from '../src';
import { runningStack, uniqueName, withTestAdmin, type RunningStack } from './support';

const WEEK_MS = String(7 * 24 * 60 * 60 * 1000);

describe('topic provisioning on a stack an older version made', () => {
  let env: RunningStack;
  const name = `${uniqueName('test')}.banking.transactions`;
  const forever: TopicSpec = {
    name,
    partitions: 3,
    config: { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' },
  };

  beforeAll(async () => {
    env = await runningStack();
  });

  afterAll(async () => {
    await withTestAdmin(env.kafka, (admin) => admin.deleteTopics({ topics: [name] }));
  });

  it('brings an existing topic to the retention of the topic list, keeping its messages', async () => {
    const { replicationFactor, minInsyncReplicas } = env.profile;
    const oldSpec: TopicSpec = { ...forever, config: { 'cleanup.policy': 'delete', 'retention.ms': WEEK_MS } };
    await withTestAdmin(env.kafka, (admin) => ensureTopics(admin, [oldSpec], replicationFactor, minInsyncReplicas));
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send({ topic: name, acks: -1, messages: [{ key: 'a', value: 'kept' }] });
    await producer.disconnect();

    const created = await withTestAdmin(env.kafka, (admin) =>
      ensureTopics(admin, [forever], replicationFactor, minInsyncReplicas),
    );
    const config = await withTestAdmin(env.kafka, (admin) => topicConfig(admin, name));
    const offsets = await withTestAdmin(env.kafka, (admin) => admin.fetchTopicOffsets(name));

    expect(created).toEqual([]);
    expect(config).toMatchObject({
      'retention.ms': '-1',
      'retention.bytes': '-1',
      'min.insync.replicas': String(minInsyncReplicas),
    });
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(1);
  });
});
