/** Where a record sits in Kafka. */
export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type ProblemKind =
  'gap' | 'hash-mismatch' | 'checkpoint-mismatch' | 'checkpoint-beyond-end' | 'bad-signature' | 'malformed-checkpoint';

/** The first thing found wrong: the chain or a checkpoint, and where. */
export interface ChainProblem {
  readonly kind: ProblemKind;
  /** The record (or the checkpoint's sequence) where it shows. */
  readonly sequence: string | null;
  readonly position?: RecordPosition;
  readonly message: string;
}

export interface CheckpointSummary {
  readonly sequence: string;
  readonly signedAt: string;
}

export type VerifyOutcome =
  | {
      readonly ok: true;
      readonly records: number;
      readonly checkpoints: number;
      readonly lastCheckpoint: CheckpointSummary | null;
      readonly seconds: number;
    }
  | { readonly ok: false; readonly records: number; readonly problem: ChainProblem; readonly seconds: number };

/** The verifier's one-line answer. */
export function describeOutcome(outcome: VerifyOutcome): string {
  if (!outcome.ok) return outcome.problem.message;
  const last = outcome.lastCheckpoint;
  const covered = last ? Number(last.sequence) : 0;
  // records after the newest checkpoint could have been deleted unseen: say how many there are
  const uncovered =
    outcome.records > covered ? `; records ${covered + 1}…${outcome.records} are not covered by a checkpoint yet` : '';
  return `${outcome.records} records, chain intact, ${
    last ? `last checkpoint ${last.sequence} (signed ${last.signedAt})` : 'no checkpoint yet'
  }${uncovered}`;
}
