import { TOPIC_SPECS } from '@microbank/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeCluster, describeTopics, topicConfig, zookeeperMode } from '../src';
import { runningStack, withTestAdmin, type RunningStack } from './support';

describe('the bundled cluster', () => {
  let env: RunningStack;

  beforeAll(async () => {
    env = await runningStack();
  });

  it('runs a ZooKeeper ensemble with exactly one leader and the rest followers', async () => {
    const modes = await Promise.all(env.profile.zookeepers.map((node) => zookeeperMode(node)));

    if (env.profile.zookeepers.length === 1) {
      expect(modes).toEqual(['standalone']);
    } else {
      expect(modes.filter((mode) => mode === 'leader')).toHaveLength(1);
      expect(modes.filter((mode) => mode === 'follower')).toHaveLength(env.profile.zookeepers.length - 1);
    }
  });

  it('has every broker registered and exactly one active controller among them', async () => {
    const cluster = await withTestAdmin(env.kafka, describeCluster);

    expect(cluster.brokerIds).toEqual(env.profile.brokers.map((broker) => broker.id));
    expect(cluster.controllerId).not.toBeNull();
    expect(cluster.brokerIds).toContain(cluster.controllerId);
  });

  it('provisions every topic from @microbank/contracts with the profile replication factor', async () => {
    const topics = await withTestAdmin(env.kafka, (admin) =>
      describeTopics(
        admin,
        TOPIC_SPECS.map((s) => s.name),
      ),
    );

    expect(topics.map((t) => t.name).sort()).toEqual(TOPIC_SPECS.map((s) => s.name).sort());
    for (const topic of topics) {
      const spec = TOPIC_SPECS.find((s) => s.name === topic.name)!;
      expect(topic.partitions.length, topic.name).toBe(spec.partitions);
      for (const partition of topic.partitions) {
        expect(partition.replicas, `${topic.name}-${partition.partition}`).toHaveLength(env.profile.replicationFactor);
      }
    }
  });

  it('requires min.insync.replicas on every topic, so acks=all means the write is on more than one broker', async () => {
    for (const spec of TOPIC_SPECS) {
      const config = await withTestAdmin(env.kafka, (admin) => topicConfig(admin, spec.name));

      // the retention the topic list sets, also on a stack whose topics an older version made
      for (const [name, value] of Object.entries(spec.config)) expect(config[name], `${spec.name} ${name}`).toBe(value);

      expect(config['min.insync.replicas'], spec.name).toBe(String(env.profile.minInsyncReplicas));
      expect(config['unclean.leader.election.enable'], spec.name).toBe('false');
    }
  });

  it('spreads partition leaders over more than one broker', async () => {
    const topics = await withTestAdmin(env.kafka, (admin) =>
      describeTopics(
        admin,
        TOPIC_SPECS.map((s) => s.name),
      ),
    );
    const leaders = new Set(topics.flatMap((topic) => topic.partitions.map((p) => p.leader)));

    expect(leaders.size).toBeGreaterThanOrEqual(Math.min(2, env.profile.brokers.length));
    expect([...leaders].every((id) => id >= 0)).toBe(true);
  });
});
