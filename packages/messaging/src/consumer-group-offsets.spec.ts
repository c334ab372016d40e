import { describe, expect, it } from 'vitest';
import { groupLagOf, positionOf, type PartitionProgress } from './consumer-group-offsets';

const partition = (overrides: Partial<PartitionProgress> = {}): PartitionProgress => ({
  topic: 'banking.accounts',
  partition: 0,
  earliest: 0n,
  latest: 10n,
  committed: null,
  finished: null,
  ...overrides,
});

describe('a consumer group position', () => {
  it('is the earliest offset when nothing was committed', () => {
    expect(positionOf(partition({ earliest: 4n }))).toBe(4n);
  });

  it('is the committed offset once one is', () => {
    expect(positionOf(partition({ committed: 7n }))).toBe(7n);
  });

  it('is what the running consumer finished when its commit is still to come', () => {
    expect(positionOf(partition({ committed: 7n, finished: 10n }))).toBe(10n);
  });

  it('is the committed offset when another member moved past what this process finished', () => {
    expect(positionOf(partition({ committed: 9n, finished: 3n }))).toBe(9n);
  });

  it('never lies before the earliest offset still in the log', () => {
    expect(positionOf(partition({ earliest: 5n, committed: 2n }))).toBe(5n);
  });
});

describe('a consumer group lag', () => {
  it('sums the messages still to read over every partition, and what was read since the earliest offset', () => {
    const lag = groupLagOf('g', [
      partition({ partition: 0, earliest: 0n, latest: 10n, committed: 4n }),
      partition({ partition: 1, earliest: 2n, latest: 8n, committed: null }),
      partition({ topic: 'banking.cards', partition: 0, earliest: 0n, latest: 5n, committed: 5n }),
    ]);
    expect(lag).toMatchObject({ groupId: 'g', lag: 6n + 6n + 0n, consumed: 4n + 0n + 5n });
  });

  it('is zero when every partition is read up to its high watermark', () => {
    const lag = groupLagOf('g', [partition({ committed: 3n, finished: 10n }), partition({ partition: 1, latest: 0n })]);
    expect(lag.lag).toBe(0n);
    expect(lag.consumed).toBe(10n);
  });

  it('does not go negative when messages arrived after the high watermark was read', () => {
    expect(groupLagOf('g', [partition({ latest: 10n, finished: 12n })]).lag).toBe(0n);
  });

  it('is zero for a group without partitions', () => {
    expect(groupLagOf('g', [])).toMatchObject({ lag: 0n, consumed: 0n });
  });
});
