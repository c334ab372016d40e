import { describe, expect, it } from 'vitest';
import { describeOutcome } from './verify-outcome';

const intact = (records: number, lastCheckpoint: string | null) =>
  describeOutcome({
    ok: true,
    records,
    checkpoints: lastCheckpoint ? 1 : 0,
    lastCheckpoint: lastCheckpoint ? { sequence: lastCheckpoint, signedAt: '2026-11-28T01:52:11.002Z' } : null,
    seconds: 1,
  });

describe('the verifier’s answer', () => {
  it('names the last checkpoint when it covers every record', () => {
    expect(intact(69, '69')).toBe('69 records, chain intact, last checkpoint 69 (signed 2026-11-28T01:52:11.002Z)');
  });

  it('says which records no checkpoint covers yet: they could have been deleted unseen', () => {
    expect(intact(75, '69')).toBe(
      '75 records, chain intact, last checkpoint 69 (signed 2026-11-28T01:52:11.002Z); ' +
        'records 70…75 are not covered by a checkpoint yet',
    );
    expect(intact(3, null)).toBe(
      '3 records, chain intact, no checkpoint yet; records 1…3 are not covered by a checkpoint yet',
    );
  });

  it('is the problem’s message when something is wrong', () => {
    const outcome = describeOutcome({
      ok: false,
      records: 10,
      seconds: 1,
      problem: { kind: 'gap', sequence: '5', message: 'record 5 is missing' },
    });
    expect(outcome).toBe('record 5 is missing');
  });
});
