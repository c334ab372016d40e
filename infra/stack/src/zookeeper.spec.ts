import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROFILE_DEFINITIONS } from './profiles';
import { writeZooKeeperConfig } from './zookeeper';

describe('ZooKeeper configuration', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'zk-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists all three peers and writes each node its myid', async () => {
    const full = PROFILE_DEFINITIONS.full;
    const node = full.zookeepers[1]!;
    const config = await readFile(await writeZooKeeperConfig(full, node, dir, dir), 'utf8');

    expect(config).toContain('clientPort=2182');
    expect(config).toContain('server.1=127.0.0.1:2888:3888');
    expect(config).toContain('server.2=127.0.0.1:2889:3889');
    expect(config).toContain('server.3=127.0.0.1:2890:3890');
    expect(config).toMatch(/^4lw\.commands\.whitelist=.*\bruok\b.*\bsrvr\b/m);
    expect(await readFile(path.join(dir, 'zk-2', 'myid'), 'utf8')).toBe('2\n');
  });

  it('runs a single node standalone, without peers or myid', async () => {
    const lite = PROFILE_DEFINITIONS.lite;
    const config = await readFile(await writeZooKeeperConfig(lite, lite.zookeepers[0]!, dir, dir), 'utf8');

    expect(config).not.toMatch(/^server\./m);
    await expect(readFile(path.join(dir, 'zk-1', 'myid'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
