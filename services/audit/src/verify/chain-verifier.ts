import type { KeyObject } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { ChainWalk, type StoredRecord } from './chain-walk';
import { readCheckpoints } from './checkpoint-reader';
import { readStoredRecords } from './stored-records';
import type { VerifyOutcome } from './verify-outcome';

export interface VerifyOptions {
  /** The audit database (the service's role: it may read). */
  readonly databaseUrl: string;
  readonly kafka: Kafka;
  /** The real name of the checkpoints topic (with any prefix). */
  readonly checkpointsTopic: string;
  readonly publicKey: KeyObject;
  readonly pageSize?: number;
  /** Called every couple of seconds on a long run. */
  readonly onProgress?: (records: number, recordsPerSecond: number) => void;
}

const PROGRESS_EVERY_MS = 2_000;

/**
 * Checks the audit trail end to end: every checkpoint's signature, every record's hash recomputed from its
 * contents and the previous hash, the sequence without gaps, and the chain's hash at every checkpoint. Reads the
 * chain in pages, never all of it at once. Reports the first problem, or that the chain is intact.
 */
export async function verifyAuditChain(options: VerifyOptions): Promise<VerifyOutcome> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const read = await readCheckpoints(options.kafka, options.checkpointsTopic, options.publicKey);
  if ('problem' in read) return { ok: false, records: 0, problem: read.problem, seconds: seconds() };
  const { checkpoints } = read;
  const walk = new ChainWalk(checkpoints);
  const pageSize = options.pageSize ?? 5_000;
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    let lastProgress = performance.now();
    // one row more than a page: the record after each one, to tell an edited record from a replaced hash; the
    // next page is asked for before this one is hashed, so PostgreSQL reads while this process hashes
    let next: Promise<StoredRecord[]> | undefined = readStoredRecords(client, '0', pageSize + 1);
    try {
      while (next) {
        const records: StoredRecord[] = await next;
        const page = records.slice(0, pageSize);
        next =
          records.length > pageSize
            ? readStoredRecords(client, page[page.length - 1]!.sequence, pageSize + 1)
            : undefined;
        for (const [i, record] of page.entries()) {
          const problem = walk.visit(record, records[i + 1]);
          if (problem) return { ok: false, records: walk.records, problem, seconds: seconds() };
        }
        if (options.onProgress && performance.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = performance.now();
          options.onProgress(walk.records, walk.records / seconds());
        }
      }
    } finally {
      await next?.catch(() => undefined);
    }
  } finally {
    await client.end();
  }
  const problem = walk.finish();
  if (problem) return { ok: false, records: walk.records, problem, seconds: seconds() };
  const last = checkpoints[checkpoints.length - 1];
  return {
    ok: true,
    records: walk.records,
    checkpoints: checkpoints.length,
    lastCheckpoint: last ? { sequence: last.sequence.toString(), signedAt: last.signedAt } : null,
    seconds: seconds(),
  };
}
