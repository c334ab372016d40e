import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBrokerConfig } from './kafka-broker';
import { PROFILE_DEFINITIONS } from './profiles';

async function properties(file: string): Promise<Record<string, string>> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line && !line.startsWith('#'));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('broker configuration', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'broker-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives each broker of the full cluster its id, own listener and the whole ZooKeeper ensemble', async () => {
    const full = PROFILE_DEFINITIONS.full;
    const configs = await Promise.all(
      full.brokers.map(async (b) => properties(await writeBrokerConfig(full, b, dir, dir))),
    );

    expect(configs.map((c) => c['broker.id'])).toEqual(['1', '2', '3']);
    expect(configs.map((c) => c['advertised.listeners'])).toEqual([
      'PLAINTEXT://127.0.0.1:9092',
      'PLAINTEXT://127.0.0.1:9093',
      'PLAINTEXT://127.0.0.1:9094',
    ]);
    for (const config of configs) {
      expect(config['zookeeper.connect']).toBe('127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183/microbank');
      expect(config).toMatchObject({
        'default.replication.factor': '3',
        'min.insync.replicas': '2',
        'offsets.topic.replication.factor': '3',
        'transaction.state.log.min.isr': '2',
        'unclean.leader.election.enable': 'false',
        'auto.create.topics.enable': 'false',
      });
    }
  });

  it('lowers replication to what one broker can hold in the lite profile', async () => {
    const lite = PROFILE_DEFINITIONS.lite;
    const config = await properties(await writeBrokerConfig(lite, lite.brokers[0]!, dir, dir));

    expect(config).toMatchObject({
      'zookeeper.connect': '127.0.0.1:2181/microbank',
      'default.replication.factor': '1',
      'min.insync.replicas': '1',
      'offsets.topic.replication.factor': '1',
    });
  });
});
