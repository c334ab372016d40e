import { groupLagOf, positionOf, type PartitionProgress } from '@microbank/messaging';

export interface TopicWatermarks {
  readonly topic: string;
  readonly partitions: readonly { readonly partition: number; readonly low: string; readonly high: string }[];
}

export interface CommittedOffsets {
  readonly topic: string;
  readonly partitions: readonly { readonly partition: number; readonly offset: string }[];
}

export interface PartitionLagView {
  readonly topic: string;
  readonly partition: number;
  /** The high watermark: the offset the next message will get. */
  readonly latest: string;
  /** The group's committed offset, or null when it has none there. */
  readonly committed: string | null;
  readonly lag: number;
}

export interface GroupLagView {
  readonly groupId: string;
  readonly state: string;
  readonly members: number;
  readonly lag: number;
  readonly partitions: readonly PartitionLagView[];
}

/** One sample of every group's total lag, for the chart. */
export interface LagSample {
  /** ms since the epoch */
  readonly at: number;
  readonly lag: Readonly<Record<string, number>>;
}

export interface GroupsView {
  readonly readAt: string;
  readonly error: string | null;
  readonly groups: readonly GroupLagView[];
  readonly history: readonly LagSample[];
}

/**
 * A group's lag in every partition of the topics it committed to, from the watermarks and its commits as the admin
 * API returns them (offsets as strings, -1 for none). A partition without a commit counts from its earliest offset:
 * our consumers start from the beginning. Lag is a number: a demo's topics hold far fewer than 2^53 messages.
 */
export function groupLag(
  group: { readonly groupId: string; readonly state: string; readonly members: number },
  watermarks: readonly TopicWatermarks[],
  committed: readonly CommittedOffsets[],
): GroupLagView {
  const progress: PartitionProgress[] = [];
  for (const { topic, partitions } of committed) {
    const marks = watermarks.find((w) => w.topic === topic);
    // a topic deleted since the group committed to it: nothing left to lag behind
    if (!marks) continue;
    for (const { partition, low, high } of marks.partitions) {
      const offset = BigInt(partitions.find((p) => p.partition === partition)?.offset ?? '-1');
      progress.push({
        topic,
        partition,
        earliest: BigInt(low),
        latest: BigInt(high),
        committed: offset >= 0n ? offset : null,
        finished: null,
      });
    }
  }
  progress.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  const total = groupLagOf(group.groupId, progress);
  return {
    ...group,
    lag: Number(total.lag),
    partitions: progress.map((p) => {
      const position = positionOf(p);
      return {
        topic: p.topic,
        partition: p.partition,
        latest: p.latest.toString(),
        committed: p.committed === null ? null : p.committed.toString(),
        lag: position < p.latest ? Number(p.latest - position) : 0,
      };
    }),
  };
}
