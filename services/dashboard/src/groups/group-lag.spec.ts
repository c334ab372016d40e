import { describe, expect, it } from 'vitest';
import { groupLag } from './group-lag';

const GROUP = { groupId: 'microbank.fraud.transactions', state: 'Stable', members: 1 };
const WATERMARKS = [
  {
    topic: 'banking.transactions',
    partitions: [
      { partition: 1, low: '0', high: '40' },
      { partition: 0, low: '0', high: '10' },
      { partition: 2, low: '5', high: '7' },
    ],
  },
  { topic: 'banking.cards', partitions: [{ partition: 0, low: '0', high: '3' }] },
];

describe('consumer group lag', () => {
  it('is the distance from the committed offset to the high watermark in each partition, and their sum', () => {
    const view = groupLag(GROUP, WATERMARKS, [
      {
        topic: 'banking.transactions',
        partitions: [
          { partition: 0, offset: '10' },
          { partition: 1, offset: '25' },
          { partition: 2, offset: '6' },
        ],
      },
    ]);
    expect(view).toEqual({
      ...GROUP,
      lag: 0 + 15 + 1,
      partitions: [
        { topic: 'banking.transactions', partition: 0, latest: '10', committed: '10', lag: 0 },
        { topic: 'banking.transactions', partition: 1, latest: '40', committed: '25', lag: 15 },
        { topic: 'banking.transactions', partition: 2, latest: '7', committed: '6', lag: 1 },
      ],
    });
  });

  it('counts a partition without a commit from its earliest offset, as our consumers start there', () => {
    const view = groupLag(GROUP, WATERMARKS, [
      { topic: 'banking.transactions', partitions: [{ partition: 0, offset: '-1' }] },
    ]);
    expect(view.partitions.map((p) => [p.partition, p.committed, p.lag])).toEqual([
      [0, null, 10],
      [1, null, 40],
      [2, null, 2],
    ]);
    expect(view.lag).toBe(52);
  });

  it('never shows a negative lag when a commit is ahead of the watermark read before it', () => {
    const view = groupLag(GROUP, WATERMARKS, [{ topic: 'banking.cards', partitions: [{ partition: 0, offset: '4' }] }]);
    expect(view.partitions).toEqual([{ topic: 'banking.cards', partition: 0, latest: '3', committed: '4', lag: 0 }]);
    expect(view.lag).toBe(0);
  });

  it('leaves out a topic that no longer exists', () => {
    const view = groupLag(GROUP, WATERMARKS, [{ topic: 'gone', partitions: [{ partition: 0, offset: '1' }] }]);
    expect(view).toMatchObject({ lag: 0, partitions: [] });
  });
});
