import { chainHash, GENESIS_HASH, type ChainedRecord } from '../chain/chained-record';
import type { ChainProblem } from './verify-outcome';

/** A stored record: what the chain hashes, and the hash stored beside it. */
export interface StoredRecord extends ChainedRecord {
  readonly hash: Buffer;
}

/** A checkpoint whose signature was verified: the chain must have `headHash` at `sequence`. */
export interface TrustedCheckpoint {
  readonly sequence: bigint;
  readonly headHash: string;
  readonly signedAt: string;
}

/**
 * Walks the chain in sequence order and names the first problem: a gap, a record whose stored hash does not
 * follow from its contents and the previous hash, a checkpoint the chain disagrees with, or one beyond its end.
 */
export class ChainWalk {
  private previousHash = GENESIS_HASH;
  private expected = 1n;
  private next = 0;
  private lastMatched = 0n;

  /** `checkpoints` in sequence order. */
  constructor(private readonly checkpoints: readonly TrustedCheckpoint[]) {}

  get records(): number {
    return Number(this.expected - 1n);
  }

  /** `following` is the record after this one, when known: it tells an edited record from a replaced hash. */
  visit(record: StoredRecord, following?: StoredRecord): ChainProblem | undefined {
    const sequence = BigInt(record.sequence);
    const position = { topic: record.topic, partition: record.partition, offset: record.offset };
    const at = `record ${record.sequence} (${record.topic}/${record.partition}/${record.offset})`;
    if (sequence !== this.expected) {
      return {
        kind: 'gap',
        sequence: this.expected.toString(),
        position,
        message: `record ${this.expected} is missing: after ${this.expected - 1n} comes ${at}`,
      };
    }
    const recomputed = chainHash(this.previousHash, record);
    if (!recomputed.equals(record.hash)) {
      const stillLinked = following && chainHash(record.hash, following).equals(following.hash);
      return {
        kind: 'hash-mismatch',
        sequence: record.sequence,
        position,
        message: stillLinked
          ? `${at} was changed after it was appended: its contents hash to ${recomputed.toString('hex')}, ` +
            `but its stored hash ${record.hash.toString('hex')} is the original one (record ${following.sequence} still chains from it)`
          : `${at}: stored hash ${record.hash.toString('hex')} differs from SHA-256(previous hash ‖ record) = ` +
            `${recomputed.toString('hex')}: the record or its hash was changed`,
      };
    }
    for (; this.next < this.checkpoints.length && this.checkpoints[this.next]!.sequence === sequence; this.next++) {
      const checkpoint = this.checkpoints[this.next]!;
      if (checkpoint.headHash !== recomputed.toString('hex')) {
        return {
          kind: 'checkpoint-mismatch',
          sequence: record.sequence,
          position,
          message:
            `checkpoint ${checkpoint.sequence} (signed ${checkpoint.signedAt}) vouches for head hash ${checkpoint.headHash}, ` +
            `but the chain has ${recomputed.toString('hex')} there: records ${this.lastMatched + 1n}…${sequence} were rewritten`,
        };
      }
      this.lastMatched = sequence;
    }
    this.previousHash = recomputed;
    this.expected++;
    return undefined;
  }

  /** After the last record: a checkpoint still ahead names records that are gone. */
  finish(): ChainProblem | undefined {
    const beyond = this.checkpoints[this.next];
    if (!beyond) return undefined;
    return {
      kind: 'checkpoint-beyond-end',
      sequence: beyond.sequence.toString(),
      message:
        `checkpoint ${beyond.sequence} (signed ${beyond.signedAt}) names a record that is missing: ` +
        `the table ends at ${this.expected - 1n}`,
    };
  }
}
