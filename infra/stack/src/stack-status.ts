import { TOPIC_SPECS } from '@microbank/contracts';
import { describeCluster, describeTopics, withAdmin, type TopicState } from './kafka-admin';
import type { ManagedProcess } from './managed-process';
import type { Profile } from './profiles';
import type { ProfileName } from './stack-config';
import { zookeeperMode, type ZooKeeperMode } from './zookeeper';

export interface ProcessStatus {
  readonly name: string;
  readonly pid: number | undefined;
  readonly address: string;
  readonly role?: ZooKeeperMode;
}

export interface StackStatus {
  readonly profile: ProfileName;
  readonly processes: readonly ProcessStatus[];
  readonly zookeeperLeader: string | undefined;
  readonly controllerId: number | null | undefined;
  readonly brokerIds: readonly number[];
  readonly topics: readonly TopicState[];
}

/** What is running, the ZooKeeper roles, and what Kafka says of itself; only reads, so safe at any time. */
export async function readStackStatus(
  profile: Profile,
  processes: readonly ManagedProcess[],
  postgresPort: number,
  brokers: readonly string[],
): Promise<StackStatus> {
  const statuses: ProcessStatus[] = [];
  for (const proc of processes) {
    const zk = profile.zookeepers.find((node) => node.name === proc.name);
    const broker = profile.brokers.find((b) => b.name === proc.name);
    const port = zk?.clientPort ?? broker?.port ?? postgresPort;
    statuses.push({
      name: proc.name,
      pid: await proc.pid(),
      address: `127.0.0.1:${port}`,
      ...(zk ? { role: await zookeeperMode(zk) } : {}),
    });
  }
  const cluster = await withAdmin(brokers, async (admin) => ({
    ...(await describeCluster(admin)),
    topics: await describeTopics(
      admin,
      TOPIC_SPECS.map((spec) => spec.name),
    ),
  })).catch(() => undefined);
  return {
    profile: profile.name,
    processes: statuses,
    zookeeperLeader: statuses.find((p) => p.role === 'leader' || p.role === 'standalone')?.name,
    controllerId: cluster?.controllerId,
    brokerIds: cluster?.brokerIds ?? [],
    topics: cluster?.topics ?? [],
  };
}
