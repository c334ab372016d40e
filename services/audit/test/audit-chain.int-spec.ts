import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_CHAIN,
  AUDIT_CHECKPOINTS_TOPIC,
  AccountOpenedV1,
  AuditCheckpointSignedV1,
  Topics,
  UserSignedUpV1,
  createEvent,
} from '@microbank/contracts';
import { waitFor, withAdmin } from '@microbank/testing';
import { chainHash, GENESIS_HASH } from '../src/chain/chained-record';
import { signCheckpoint } from '../src/chain/checkpoint-signature';
import { readStoredRecords } from '../src/verify/stored-records';
import { AuditTestApp } from './audit-test-app';

const CLI = path.resolve(__dirname, '..', 'dist', 'cli.js');

interface Row {
  sequence: string;
  topic: string;
  partition: number;
  offset: string;
  event_type: string | null;
  headers: Record<string, string>;
  raw_value: string | null;
}

// The audit trail against the real stack: records produced to this file's topics, the chain in its own database,
// the checkpoints on its own topic. Each tampering is done the way an intruder would (as a superuser, triggers
// off), checked, and undone, so the next one starts from an intact chain.
describe('the audit trail', () => {
  let app: AuditTestApp;
  const correlationId = randomUUID();
  const TOTAL = 10;

  beforeAll(async () => {
    app = await AuditTestApp.start();
  });

  afterAll(() => app?.stop());

  const rows = () =>
    app.asAdmin(async (client) => (await client.query<Row>('SELECT * FROM audit_record ORDER BY sequence')).rows);

  // superuser work with the append-only triggers switched off for this transaction only
  const tamper = (sql: string, values: unknown[] = []) =>
    app.asAdmin(async (client) => {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      const result = await client.query(sql, values);
      await client.query('COMMIT');
      return result;
    });

  const cli = async (): Promise<{ code: number; stdout: string }> => {
    const env = {
      PATH: process.env.PATH,
      DATABASE_URL: app.databaseUrl,
      KAFKA_BROKERS: app.config.KAFKA_BROKERS.join(','),
      KAFKA_TOPIC_PREFIX: app.prefix,
      AUDIT_SIGNING_KEY: app.config.AUDIT_SIGNING_KEY,
    };
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'verify'], { env });
      return { code: 0, stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      return { code: failed.code, stdout: failed.stdout };
    }
  };

  it('appends every record of every business and dead-letter topic, in order, in a chain that verifies', async () => {
    const userId = randomUUID();
    const signedUp = await app.publish(
      UserSignedUpV1,
      userId,
      { userId, email: `${userId}@test.local`, fullName: 'Ada Lovelace', country: 'GB' },
      { source: 'user', correlationId },
    );
    for (let n = 0; n < 7; n++) {
      const accountId = randomUUID();
      await app.publish(
        AccountOpenedV1,
        accountId,
        { accountId, userId, iban: `GB33MBNK${String(n).padStart(14, '0')}`, currency: 'EUR', kind: 'current' },
        { source: 'account', correlationId, causationId: signedUp.eventId },
      );
    }
    // a dead letter, with the headers the consumer that gave up on it added
    await app.produce(Topics.accounts + '.dlt', 'acc-x', JSON.stringify({ type: 'AccountOpened', version: 99 }), {
      'dlt-original-topic': app.topic(Topics.accounts),
      'dlt-reason': 'unknown-version',
    });
    // and what no contract describes
    await app.produce(Topics.cards, null, 'not json at all');

    await app.appended(TOTAL);
    const trail = await rows();
    expect(trail.map((r) => r.sequence)).toEqual(Array.from({ length: TOTAL }, (_, i) => String(i + 1)));
    // per partition, the chain holds records in their Kafka order
    const byPartition = new Map<string, bigint[]>();
    for (const row of trail) {
      const offsets = byPartition.get(`${row.topic}/${row.partition}`) ?? [];
      offsets.push(BigInt(row.offset));
      byPartition.set(`${row.topic}/${row.partition}`, offsets);
    }
    for (const offsets of byPartition.values()) expect(offsets).toEqual([...offsets].sort((a, b) => Number(a - b)));
    expect(trail.filter((r) => r.event_type === 'AccountOpened')).toHaveLength(7);
    expect(trail.find((r) => r.topic === app.topic(`${Topics.accounts}.dlt`))?.headers).toMatchObject({
      'dlt-reason': 'unknown-version',
    });
    expect(trail.find((r) => r.topic === app.topic(Topics.cards))).toMatchObject({
      event_type: null,
      raw_value: 'not json at all',
    });

    await app.checkpointed(TOTAL);
    expect(await app.verify()).toMatchObject({ ok: true, records: TOTAL, lastCheckpoint: { sequence: String(TOTAL) } });
  });

  it('appends nothing when every record is delivered again', async () => {
    const before = await rows();
    await app.restartFromEarliest();

    // the group has read (and committed) every topic to its end again
    const groupId = `${app.prefix}microbank.audit.trail`;
    const topics = Object.values(Topics).flatMap((t) => [app.topic(t), `${app.topic(t)}.dlt`]);
    await withAdmin(app.kafka, (admin) =>
      waitFor(
        async () => {
          for (const topic of topics) {
            const ends = await admin.fetchTopicOffsets(topic);
            const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
            for (const end of ends) {
              const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
              if (end.high !== '0' && at !== end.high) return false;
            }
          }
          return true;
        },
        { timeoutMs: 60_000, intervalMs: 200, what: 'the audit consumer to read every topic again' },
      ),
    );

    expect(await rows()).toEqual(before);
    expect(await app.verify()).toMatchObject({ ok: true, records: TOTAL });
  });

  it("refuses UPDATE, DELETE and TRUNCATE to the service's own role, and the trigger refuses even a superuser", async () => {
    for (const sql of [
      `UPDATE audit_record SET payload = '{}' WHERE sequence = 1`,
      'DELETE FROM audit_record WHERE sequence = 1',
      'TRUNCATE audit_record',
      'DELETE FROM audit_checkpoint',
    ]) {
      await expect(
        app.asServiceRole((client) => client.query(sql)),
        sql,
      ).rejects.toThrow(/permission denied/);
    }
    await expect(app.asAdmin((client) => client.query('DELETE FROM audit_record'))).rejects.toThrow(
      /audit_record is append-only: DELETE refused/,
    );
    await expect(app.asAdmin((client) => client.query('TRUNCATE audit_record'))).rejects.toThrow(/append-only/);
    expect(await app.recordCount()).toBe(TOTAL);
  });

  it('reports a superuser UPDATE of one payload at exactly that record, and the CLI exits non-zero', async () => {
    const intact = await cli();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^10 records, chain intact, last checkpoint 10 \(signed /);
    const target = (await rows()).find((r) => r.event_type === 'AccountOpened' && r.sequence !== '1')!;
    const { rows: original } = await app.asAdmin((client) =>
      client.query<{ payload: unknown }>('SELECT payload FROM audit_record WHERE sequence = $1', [target.sequence]),
    );
    await tamper(`UPDATE audit_record SET payload = jsonb_set(payload, '{currency}', '"GBP"') WHERE sequence = $1`, [
      target.sequence,
    ]);

    const outcome = await app.verify();
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'hash-mismatch', sequence: target.sequence } });
    const where = `record ${target.sequence} (${target.topic}/${target.partition}/${target.offset})`;
    expect(!outcome.ok && outcome.problem.message).toContain(`${where} was changed after it was appended`);
    const run = await cli();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(where);

    await tamper('UPDATE audit_record SET payload = $2 WHERE sequence = $1', [target.sequence, original[0]!.payload]);
    expect(await app.verify()).toMatchObject({ ok: true });
  });

  it('catches a chain recomputed after an edit by the checkpoint that vouched for it', async () => {
    const original = await app.asAdmin((client) => readStoredRecords(client, '0', 1000));
    let previous = GENESIS_HASH;
    const rewritten = original.map((record) => {
      const contents = record.sequence === '4' ? { ...record, payload: { forged: true } } : record;
      previous = chainHash(previous, contents);
      return { ...contents, hash: previous };
    });
    const write = (records: typeof original) =>
      Promise.all(
        records
          .filter((r) => BigInt(r.sequence) >= 4n)
          .map((r) =>
            tamper('UPDATE audit_record SET payload = $2, hash = $3 WHERE sequence = $1', [
              r.sequence,
              JSON.stringify(r.payload),
              r.hash,
            ]),
          ),
      );
    await write(rewritten);

    const outcome = await app.verify();
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'checkpoint-mismatch' } });
    expect(!outcome.ok && BigInt(outcome.problem.sequence!)).toBeGreaterThanOrEqual(4n);
    expect(!outcome.ok && outcome.problem.message).toMatch(/records [1-4]…\d+ were rewritten/);

    await write(original);
    expect(await app.verify()).toMatchObject({ ok: true });
  });

  it('catches a deleted tail by the checkpoint beyond the end', async () => {
    await tamper('DELETE FROM audit_record WHERE sequence > 7');

    // the first checkpoint past the new end: 10, or one the timer signed at 8 or 9 while the records arrived
    const first = Math.min(
      ...app
        .checkpoints()
        .map((c) => Number(c.payload.sequence))
        .filter((s) => s > 7),
    );
    const outcome = await app.verify();
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'checkpoint-beyond-end', sequence: String(first) } });
    expect(!outcome.ok && outcome.problem.message).toMatch(
      new RegExp(`^checkpoint ${first} \\(signed .*\\) names a record that is missing: the table ends at 7$`),
    );
  });

  it('reports a checkpoint signed with another key as forged', async () => {
    const intruder = generateKeyPairSync('ed25519').privateKey;
    const claim = { sequence: '3', headHash: 'ab'.repeat(32) };
    const forged = createEvent(
      AuditCheckpointSignedV1,
      AUDIT_CHAIN,
      { chain: AUDIT_CHAIN, ...claim, signature: signCheckpoint(claim, intruder) },
      { source: 'audit', correlationId: randomUUID() },
    );
    await app.produce(AUDIT_CHECKPOINTS_TOPIC, AUDIT_CHAIN, JSON.stringify(forged));

    const outcome = await app.verify();
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'bad-signature', sequence: '3' } });
    expect(!outcome.ok && outcome.problem.message).toMatch(
      /^checkpoint 3 \(the checkpoint at .*\) has a signature the audit key did not make: it is forged$/,
    );
  });
});
