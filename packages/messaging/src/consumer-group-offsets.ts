import type { Admin } from 'kafkajs';
import { pause } from './backoff';
import type { PartitionPosition } from './event-consumer';

/** Where a consumer group stands in one partition. */
export interface PartitionProgress {
  readonly topic: string;
  readonly partition: number;
  /** The first offset still in the log. */
  readonly earliest: bigint;
  /** The high watermark: the offset the next message will get. */
  readonly latest: bigint;
  /** The group's committed offset; null when it has none (or a reset left Kafka's "earliest" marker). */
  readonly committed: bigint | null;
  /** The offset after the last message a running consumer of the group finished, when known in this process. */
  readonly finished: bigint | null;
}

/** A consumer group against its topics: how far it got, and how much it has still to read. */
export interface ConsumerGroupLag {
  readonly groupId: string;
  readonly partitions: readonly PartitionProgress[];
  /** Messages between the group's position and the high watermark, over every partition. */
  readonly lag: bigint;
  /** Messages between the earliest offset and the group's position: everything read since a reset to earliest. */
  readonly consumed: bigint;
}

/**
 * The group's position in a partition. Our consumers subscribe from the beginning, so no committed offset means
 * the earliest one; a consumer's own position is ahead of its commit for up to a second (KafkaJS commits with the
 * next message after the interval, so an idle consumer's last offsets may stay uncommitted until it stops).
 */
export function positionOf(progress: PartitionProgress): bigint {
  const candidates = [
    progress.earliest,
    progress.committed ?? progress.earliest,
    progress.finished ?? progress.earliest,
  ];
  return candidates.reduce((max, offset) => (offset > max ? offset : max));
}

/** Lag and consumed counts of a group from its partitions' offsets. */
export function groupLagOf(groupId: string, partitions: readonly PartitionProgress[]): ConsumerGroupLag {
  let lag = 0n;
  let consumed = 0n;
  for (const partition of partitions) {
    const position = positionOf(partition);
    // the high watermark was read first: messages that arrived since then can put the position past it
    lag += position < partition.latest ? partition.latest - position : 0n;
    consumed += position - partition.earliest;
  }
  return { groupId, partitions, lag, consumed };
}

/**
 * Reads a consumer group's lag on `topics` (real names) from Kafka: the high watermarks first, then the committed
 * offsets, merged with `finished`, the positions a consumer of this process reached (EventConsumer.positions()).
 */
export async function consumerGroupLag(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
  finished: readonly PartitionPosition[] = [],
): Promise<ConsumerGroupLag> {
  // one topic after the other: concurrent calls on one admin client can read its metadata cache before the
  // refresh that adds their topic, and see a topic without partitions
  const watermarks: { topic: string; offsets: Awaited<ReturnType<Admin['fetchTopicOffsets']>> }[] = [];
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    if (offsets.length === 0) throw new Error(`no partitions known for ${topic}: its metadata is missing`);
    watermarks.push({ topic, offsets });
  }
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const partitions: PartitionProgress[] = [];
  for (const { topic, offsets } of watermarks) {
    for (const { partition, high, low } of offsets) {
      const commit = committed.find((c) => c.topic === topic)?.partitions.find((p) => p.partition === partition);
      const commitOffset = commit ? BigInt(commit.offset) : -1n;
      const mine = finished.find((f) => f.topic === topic && f.partition === partition);
      partitions.push({
        topic,
        partition,
        earliest: BigInt(low),
        latest: BigInt(high),
        // -1: nothing committed; -2: admin.resetOffsets({ earliest: true }) stores Kafka's "earliest" marker
        committed: commitOffset >= 0n ? commitOffset : null,
        finished: mine?.offset ?? null,
      });
    }
  }
  return groupLagOf(groupId, partitions);
}

/**
 * Moves a consumer group to the earliest offset of each of `topics`, so its next consumer reads them again from
 * the first message. The group must have no members (stop its consumers first); a group that does not exist yet
 * is fine. One topic at a time: each reset joins the group for a moment. Resets of several groups may run side
 * by side, each with an admin client of its own (one client's metadata cache is not safe for concurrent resets).
 */
export async function resetGroupToEarliest(admin: Admin, groupId: string, topics: readonly string[]): Promise<void> {
  for (const topic of topics) await admin.resetOffsets({ groupId, topic, earliest: true });
}

const EMPTY_STATES = new Set(['Empty', 'Dead']);

/**
 * Resolves once none of `groupIds` has a member ('Empty', or 'Dead' for a group Kafka does not know); throws
 * after `timeoutMs` naming the groups still in use, e.g. by another instance of the service.
 */
export async function waitUntilGroupsEmpty(
  admin: Admin,
  groupIds: readonly string[],
  options: { timeoutMs?: number; intervalMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    options.signal?.throwIfAborted();
    const { groups } = await admin.describeGroups([...groupIds]);
    const busy = groups.filter((g) => !EMPTY_STATES.has(g.state));
    if (busy.length === 0) return;
    if (Date.now() >= deadline) {
      const names = busy.map((g) => `${g.groupId} (${g.state}, ${g.members.length} member(s))`).join(', ');
      throw new Error(`consumer groups still have members: ${names}; is another instance consuming?`);
    }
    await pause(options.intervalMs ?? 200, options.signal);
  }
}
