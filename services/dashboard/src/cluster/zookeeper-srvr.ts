import net from 'node:net';

export interface ZooKeeperAddress {
  readonly host: string;
  readonly port: number;
}

export type ZooKeeperMode = 'leader' | 'follower' | 'standalone' | 'observer' | 'down';

export interface ZooKeeperNodeState {
  readonly address: string;
  readonly mode: ZooKeeperMode;
  readonly zxid: string | null;
  readonly connections: number | null;
}

const MODES: readonly ZooKeeperMode[] = ['leader', 'follower', 'standalone', 'observer'];

/** `h1:2181,h2:2182/chroot` (Kafka's zookeeper.connect) → the nodes; the chroot is Kafka's business, not ours. */
export function parseZooKeeperConnect(connect: string): ZooKeeperAddress[] {
  const hosts = connect.trim().split('/')[0] ?? '';
  const nodes = hosts.split(',').map((entry) => {
    const match = /^([\w.-]+):(\d{1,5})$/.exec(entry.trim());
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) throw new Error(`'${entry}' is not host:port`);
    return { host: match[1]!, port };
  });
  if (nodes.length === 0 || hosts === '') throw new Error('names no ZooKeeper node');
  return nodes;
}

/**
 * A node's answer to `srvr`. Anything without a known `Mode:` line — "This ZooKeeper instance is not currently
 * serving requests" during an election, or no answer at all — counts as down.
 */
export function parseSrvr(address: string, answer: string): ZooKeeperNodeState {
  const mode = /^Mode: (\w+)/m.exec(answer)?.[1];
  const connections = /^Connections: (\d+)/m.exec(answer)?.[1];
  return {
    address,
    mode: MODES.find((known) => known === mode) ?? 'down',
    zxid: /^Zxid: (0x[0-9a-f]+)/im.exec(answer)?.[1] ?? null,
    connections: connections === undefined ? null : Number(connections),
  };
}

/** Asks one node `srvr` over TCP (the four-letter word the stack whitelists); '' when it does not answer in time. */
export function askSrvr({ host, port }: ZooKeeperAddress, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let answer = '';
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('connect', () => socket.end('srvr'));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', () => undefined); // 'close' follows, with what arrived so far
    socket.on('close', () => resolve(answer));
  });
}
