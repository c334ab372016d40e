import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, type ChainedRecord } from '../chain/chained-record';
import { ChainWalk, type StoredRecord, type TrustedCheckpoint } from './chain-walk';

function record(sequence: number): ChainedRecord {
  return {
    sequence: String(sequence),
    topic: 'banking.accounts',
    partition: 0,
    offset: String(sequence + 100),
    kafkaTimestamp: '2026-05-01T09:30:00.000Z',
    key: 'acc-1',
    headers: {},
    eventId: null,
    eventType: 'AccountOpened',
    eventVersion: 1,
    source: 'account',
    aggregateId: 'acc-1',
    correlationId: 'corr',
    causationId: null,
    occurredAt: '2026-05-01T09:30:00.000Z',
    payload: { n: sequence },
    rawValue: null,
    recordedAt: '2026-05-01T09:30:01.000Z',
  };
}

function chain(length: number): StoredRecord[] {
  const stored: StoredRecord[] = [];
  let previous = GENESIS_HASH;
  for (let n = 1; n <= length; n++) {
    const hash = chainHash(previous, record(n));
    stored.push({ ...record(n), hash });
    previous = hash;
  }
  return stored;
}

const checkpointAt = (records: readonly StoredRecord[], sequence: number): TrustedCheckpoint => ({
  sequence: BigInt(sequence),
  headHash: records[sequence - 1]!.hash.toString('hex'),
  signedAt: '2026-05-01T09:31:00.000Z',
});

function walk(records: readonly StoredRecord[], checkpoints: readonly TrustedCheckpoint[] = []) {
  const chainWalk = new ChainWalk(checkpoints);
  for (const [i, stored] of records.entries()) {
    const problem = chainWalk.visit(stored, records[i + 1]);
    if (problem) return problem;
  }
  return chainWalk.finish() ?? chainWalk.records;
}

describe('walking the chain', () => {
  it('accepts an intact chain and counts it', () => {
    const records = chain(10);
    expect(walk(records, [checkpointAt(records, 5), checkpointAt(records, 10)])).toBe(10);
  });

  it('names an edited record whose original hash the next record still chains from', () => {
    const records = chain(5);
    records[2] = { ...records[2]!, payload: { n: 999 } };
    expect(walk(records)).toMatchObject({ kind: 'hash-mismatch', sequence: '3', message: /record 3 .*changed after/ });
  });

  it('names a gap', () => {
    const records = chain(5);
    records.splice(1, 1);
    expect(walk(records)).toMatchObject({ kind: 'gap', sequence: '2', message: /record 2 is missing/ });
  });

  it('catches a recomputed chain at the first checkpoint it contradicts', () => {
    const original = chain(8);
    const checkpoints = [checkpointAt(original, 2), checkpointAt(original, 6)];
    // record 4 edited and every hash from there recomputed: each record agrees with the one before
    const forged: StoredRecord[] = [];
    let previous = GENESIS_HASH;
    for (const stored of original) {
      const contents = stored.sequence === '4' ? { ...stored, payload: { n: -4 } } : stored;
      previous = chainHash(previous, contents);
      forged.push({ ...contents, hash: previous });
    }
    expect(walk(forged, checkpoints)).toMatchObject({
      kind: 'checkpoint-mismatch',
      sequence: '6',
      message: /records 3…6 were rewritten/,
    });
  });

  it('catches a deleted tail by a checkpoint beyond the end', () => {
    const records = chain(10);
    expect(walk(records.slice(0, 7), [checkpointAt(records, 9)])).toMatchObject({
      kind: 'checkpoint-beyond-end',
      message: /checkpoint 9 .*names a record that is missing: the table ends at 7/,
    });
  });
});
