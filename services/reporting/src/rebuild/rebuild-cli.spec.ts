import { describe, expect, it } from 'vitest';
import { progressLine, summaryLine } from './rebuild-cli';
import { IDLE, type RebuildState } from './rebuild-state';

const state = (fields: Partial<RebuildState>): RebuildState => ({ ...IDLE, ...fields });

describe('the rebuild CLI output', () => {
  it('shows the state, events replayed, speed and lag on one line', () => {
    expect(
      progressLine(state({ state: 'replaying', eventsReplayed: 12_345, eventsPerSecond: 2_468.2, lag: 7_655 })),
    ).toBe('replaying  12,345 events replayed  2,468.2 events/s  lag 7,655');
  });

  it('sums up with the whole duration and the replay speed', () => {
    const done = state({
      state: 'caught-up',
      startedAt: '2026-11-28T10:00:00.000Z',
      replayStartedAt: '2026-11-28T10:00:06.000Z',
      finishedAt: '2026-11-28T10:00:16.000Z',
      eventsReplayed: 20_000,
      eventsPerSecond: 2000,
    });
    expect(summaryLine(done)).toBe('rebuilt from 20000 events in 16.0 s (2000 events/s over the 10.0 s replay)');
  });
});
