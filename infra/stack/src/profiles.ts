import type { ProfileName } from './stack-config';

export interface ZooKeeperNode {
  readonly name: string;
  readonly id: number;
  readonly clientPort: number;
  readonly peerPort: number;
  readonly electionPort: number;
}

export interface KafkaBroker {
  readonly name: string;
  readonly id: number;
  readonly port: number;
}

export interface Profile {
  readonly name: ProfileName;
  readonly zookeepers: readonly ZooKeeperNode[];
  readonly brokers: readonly KafkaBroker[];
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
}

const zookeeper = (id: number): ZooKeeperNode => ({
  name: `zk-${id}`,
  id,
  clientPort: 2180 + id,
  peerPort: 2887 + id,
  electionPort: 3887 + id,
});

const broker = (id: number): KafkaBroker => ({ name: `kafka-${id}`, id, port: 9091 + id });

export const PROFILE_DEFINITIONS: Readonly<Record<ProfileName, Profile>> = {
  // the cluster from the talk: a ZooKeeper ensemble that survives one loss, brokers that survive one loss
  full: {
    name: 'full',
    zookeepers: [zookeeper(1), zookeeper(2), zookeeper(3)],
    brokers: [broker(1), broker(2), broker(3)],
    replicationFactor: 3,
    minInsyncReplicas: 2,
  },
  // for tests that do not study replication: a third of the JVMs on a 2-core machine
  lite: {
    name: 'lite',
    zookeepers: [zookeeper(1)],
    brokers: [broker(1)],
    replicationFactor: 1,
    minInsyncReplicas: 1,
  },
};
