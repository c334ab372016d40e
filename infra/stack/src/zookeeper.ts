import net from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Profile, ZooKeeperNode } from './profiles';

const MODES = ['leader', 'follower', 'standalone', 'observer'] as const;
export type ZooKeeperMode = (typeof MODES)[number] | 'down';

/** Asks a ZooKeeper node a four-letter word (ruok, srvr, mntr) and returns its answer. */
export function fourLetterWord(port: number, word: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer to '${word}' on port ${port}`)));
    socket.on('connect', () => socket.end(word));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

/** The node's role in the ensemble, from `srvr` ("Mode: leader"), or 'down' when it does not serve. */
export async function zookeeperMode(node: ZooKeeperNode): Promise<ZooKeeperMode> {
  const answer = await fourLetterWord(node.clientPort, 'srvr').catch(() => '');
  const mode = /^Mode: (\w+)/m.exec(answer)?.[1];
  // anything else, e.g. "This ZooKeeper instance is not currently serving requests" while electing, is down
  return MODES.find((known) => known === mode) ?? 'down';
}

export function zookeeperConnect(profile: Profile): string {
  // the chroot keeps Kafka's znodes under one path, so the ensemble could host other clusters
  return `${profile.zookeepers.map((zk) => `127.0.0.1:${zk.clientPort}`).join(',')}/microbank`;
}

/** Writes zoo.cfg and the myid file for one node; returns the config path. */
export async function writeZooKeeperConfig(
  profile: Profile,
  node: ZooKeeperNode,
  dataRoot: string,
  confDir: string,
): Promise<string> {
  const dataDir = path.join(dataRoot, node.name);
  await mkdir(dataDir, { recursive: true });
  await mkdir(confDir, { recursive: true });
  const ensemble = profile.zookeepers.length > 1;
  if (ensemble) await writeFile(path.join(dataDir, 'myid'), `${node.id}\n`);
  const lines = [
    `# ${node.name}: written by 'pnpm stack up' on every start; edit infra/stack/src/zookeeper.ts instead`,
    'tickTime=2000',
    'initLimit=10',
    'syncLimit=5',
    `dataDir=${dataDir}`,
    `clientPort=${node.clientPort}`,
    'clientPortAddress=127.0.0.1',
    'maxClientCnxns=100',
    // health checks over the client port; the HTTP admin server would need another port per node
    '4lw.commands.whitelist=ruok,srvr,stat,mntr,conf,isro',
    'admin.enableServer=false',
    'autopurge.snapRetainCount=3',
    'autopurge.purgeInterval=1',
    ...(ensemble
      ? profile.zookeepers.map((peer) => `server.${peer.id}=127.0.0.1:${peer.peerPort}:${peer.electionPort}`)
      : []),
  ];
  const file = path.join(confDir, `${node.name}.cfg`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}
