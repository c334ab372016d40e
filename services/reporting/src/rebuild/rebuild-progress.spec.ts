import { describe, expect, it } from 'vitest';
import { groupLagOf, type PartitionProgress } from '@microbank/messaging';
import { eventsPerSecond, rebuildProgress } from './rebuild-progress';

const at = (topic: string, partition: number, latest: bigint, position: bigint | null): PartitionProgress => ({
  topic,
  partition,
  earliest: 0n,
  latest,
  committed: position,
  finished: null,
});

describe('the progress of a rebuild', () => {
  it('counts an event of a topic two groups read once, as read when the slower group read it', () => {
    const progress = rebuildProgress([
      groupLagOf('reporting-accounts', [at('banking.accounts', 0, 10n, 10n), at('banking.accounts', 1, 4n, 4n)]),
      groupLagOf('reporting-statements', [at('banking.accounts', 0, 10n, 6n), at('banking.accounts', 1, 4n, 4n)]),
    ]);
    expect(progress).toEqual({ eventsReplayed: 6 + 4, lag: 4 });
  });

  it('adds up the topics that different groups read', () => {
    const progress = rebuildProgress([
      groupLagOf('reporting-accounts', [at('banking.accounts', 0, 5n, 5n)]),
      groupLagOf('reporting-cards', [at('banking.cards', 0, 7n, 2n)]),
    ]);
    expect(progress).toEqual({ eventsReplayed: 7, lag: 5 });
  });

  it('has replayed nothing and lags by the whole log right after the reset', () => {
    const progress = rebuildProgress([groupLagOf('g', [at('banking.accounts', 0, 9n, null)])]);
    expect(progress).toEqual({ eventsReplayed: 0, lag: 9 });
  });

  it('is caught up with nothing replayed when the log is empty', () => {
    expect(rebuildProgress([groupLagOf('g', [at('banking.accounts', 0, 0n, null)])])).toEqual({
      eventsReplayed: 0,
      lag: 0,
    });
    expect(rebuildProgress([])).toEqual({ eventsReplayed: 0, lag: 0 });
  });
});

describe('events per second', () => {
  it('divides by the elapsed seconds, to one decimal', () => {
    expect(eventsPerSecond(20_000, 8_000)).toBe(2500);
    expect(eventsPerSecond(10, 3_000)).toBe(3.3);
  });

  it('is 0 before any time has passed', () => {
    expect(eventsPerSecond(5, 0)).toBe(0);
  });
});
