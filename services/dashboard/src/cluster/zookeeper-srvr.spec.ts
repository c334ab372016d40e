import { describe, expect, it } from 'vitest';
import { parseSrvr, parseZooKeeperConnect } from './zookeeper-srvr';

const LEADER = `Zookeeper version: 3.8.4-9316c2a7a97e1666d8f4593f34dd6fc36ecc436c, built on 2024-02-12 22:16 UTC
Latency min/avg/max: 0/0.4167/3
Received: 1205
Sent: 1206
Connections: 4
Outstanding: 0
Zxid: 0x40000012c
Mode: leader
Node count: 187
Proposal sizes last/min/max: 48/32/1022
`;

describe('ZooKeeper srvr', () => {
  it('reads the mode, the last transaction id and the connections of a serving node', () => {
    expect(parseSrvr('127.0.0.1:2183', LEADER)).toEqual({
      address: '127.0.0.1:2183',
      mode: 'leader',
      zxid: '0x40000012c',
      connections: 4,
    });
    expect(parseSrvr('a:1', LEADER.replace('Mode: leader', 'Mode: follower')).mode).toBe('follower');
  });

  it('counts a node that is electing, or silent, as down', () => {
    expect(parseSrvr('a:1', 'This ZooKeeper instance is not currently serving requests\n')).toEqual({
      address: 'a:1',
      mode: 'down',
      zxid: null,
      connections: null,
    });
    expect(parseSrvr('a:1', '').mode).toBe('down');
    expect(parseSrvr('a:1', 'Mode: emperor\n').mode).toBe('down');
  });

  it("reads Kafka's zookeeper.connect, with or without a chroot", () => {
    expect(parseZooKeeperConnect('127.0.0.1:2181,127.0.0.1:2182,zk-3:2183/microbank')).toEqual([
      { host: '127.0.0.1', port: 2181 },
      { host: '127.0.0.1', port: 2182 },
      { host: 'zk-3', port: 2183 },
    ]);
    expect(parseZooKeeperConnect('zk:2181')).toEqual([{ host: 'zk', port: 2181 }]);
  });

  it('refuses a connect string with a node that is not host:port', () => {
    expect(() => parseZooKeeperConnect('zk')).toThrow("'zk' is not host:port");
    expect(() => parseZooKeeperConnect('zk:2181,zk:0')).toThrow("'zk:0' is not host:port");
    expect(() => parseZooKeeperConnect('/microbank')).toThrow();
  });
});
