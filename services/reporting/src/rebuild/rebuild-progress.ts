import { positionOf, type ConsumerGroupLag } from '@microbank/messaging';

export interface RebuildProgress {
  /** Events of the log read again, each once, however many consumer groups read its topic. */
  readonly eventsReplayed: number;
  /** Messages still to read, summed over every group and partition (what Kafka's tools call the lag). */
  readonly lag: number;
}

/**
 * The replay's progress over the service's consumer groups, all reset to the earliest offsets: an event counts as
 * replayed once every group that reads its partition has read it.
 */
export function rebuildProgress(groups: readonly ConsumerGroupLag[]): RebuildProgress {
  const slowest = new Map<string, bigint>();
  let lag = 0n;
  for (const group of groups) {
    lag += group.lag;
    for (const partition of group.partitions) {
      const key = `${partition.topic}:${partition.partition}`;
      const read = positionOf(partition) - partition.earliest;
      const before = slowest.get(key);
      slowest.set(key, before === undefined || read < before ? read : before);
    }
  }
  const eventsReplayed = [...slowest.values()].reduce((sum, read) => sum + read, 0n);
  return { eventsReplayed: Number(eventsReplayed), lag: Number(lag) };
}

/** Events per second over `elapsedMs`, to one decimal; 0 before any time has passed. */
export function eventsPerSecond(events: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((events * 10_000) / elapsedMs) / 10 : 0;
}
