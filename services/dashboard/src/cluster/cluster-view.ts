import type { ZooKeeperNodeState } from './zookeeper-srvr';

export interface BrokerView {
  readonly nodeId: number;
  readonly address: string | null;
  readonly up: boolean;
  readonly controller: boolean;
  /** How many partitions it leads. */
  readonly leads: number;
}

export interface PartitionView {
  readonly partition: number;
  /** -1 when no replica in sync can lead: the partition is offline. */
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly offline: readonly number[];
}

export interface TopicView {
  readonly topic: string;
  readonly partitions: readonly PartitionView[];
}

export interface ClusterView {
  /** When this picture was read; `error` says why it is older than a poll or two. */
  readonly readAt: string;
  readonly error: string | null;
  readonly controllerId: number | null;
  readonly brokers: readonly BrokerView[];
  readonly zookeeper: readonly ZooKeeperNodeState[];
  readonly topics: readonly TopicView[];
}

/**
 * The brokers as the page shows them: the live ones Kafka names, and those it no longer does but that were seen
 * before or still hold replicas — a dead broker leaves the metadata, and the page must show it down, not forget it.
 */
export function brokersOf(
  live: readonly { readonly nodeId: number; readonly host: string; readonly port: number }[],
  known: ReadonlyMap<number, string>,
  controllerId: number | null,
  topics: readonly TopicView[],
): BrokerView[] {
  const ids = new Set([...known.keys(), ...live.map((b) => b.nodeId)]);
  for (const { partitions } of topics) for (const p of partitions) for (const id of p.replicas) ids.add(id);
  return [...ids]
    .sort((a, b) => a - b)
    .map((nodeId) => {
      const alive = live.find((b) => b.nodeId === nodeId);
      return {
        nodeId,
        address: alive ? `${alive.host}:${alive.port}` : (known.get(nodeId) ?? null),
        up: alive !== undefined,
        controller: alive !== undefined && nodeId === controllerId,
        leads: topics.reduce((n, t) => n + t.partitions.filter((p) => p.leader === nodeId).length, 0),
      };
    });
}
