/**
 * `pnpm bench:audit`: how fast `audit verify` walks the chain. Builds a chain of BENCH_RECORDS (100,000) records
 * shaped like the bank's events in a database of its own (the audit role's, migrated as the service would), signs a
 * checkpoint every 1,000 records on a topic of its own, runs the verifier as `pnpm run audit verify` does, and
 * prints records per second. Everything it made is removed at the end.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { AUDIT_CHAIN, AuditCheckpointSignedV1, createEvent } from '@microbank/contracts';
import { migrateServiceDatabase } from '@microbank/service-kit';
import {
  createServiceDatabase,
  createTestTopics,
  deleteTestTopics,
  stackConnections,
  testKafka,
  uniqueName,
} from '@microbank/testing';
import { chainHash, GENESIS_HASH, type ChainedRecord } from '../src/chain/chained-record';
import { signCheckpoint } from '../src/chain/checkpoint-signature';
import { auditService } from '../src/service-definition';
import { verifyAuditChain } from '../src/verify/chain-verifier';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const CHECKPOINT_EVERY = 1_000;
const INSERT_BATCH = 2_000;

function recordAt(sequence: number): ChainedRecord {
  const accountId = randomUUID();
  return {
    sequence: String(sequence),
    topic: 'banking.transactions',
    partition: sequence % 3,
    offset: String(Math.floor(sequence / 3)),
    kafkaTimestamp: new Date(Date.UTC(2026, 4, 1) + sequence).toISOString(),
    key: accountId,
    headers: { 'event-type': 'TransactionPosted', 'content-type': 'application/json' },
    eventId: randomUUID(),
    eventType: 'TransactionPosted',
    eventVersion: 2,
    source: 'account',
    aggregateId: accountId,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date(Date.UTC(2026, 4, 1) + sequence).toISOString(),
    payload: {
      transactionId: randomUUID(),
      accountId,
      userId: randomUUID(),
      kind: 'transfer_out',
      direction: 'debit',
      amount: { amountMinor: String(100 + (sequence % 10_000)), currency: 'GBP' },
      balanceAfter: { amountMinor: '100000', currency: 'GBP' },
      counterpartyIban: 'GB33MBNK00000012345678',
      reference: `bench ${sequence}`,
      card: null,
      postedAt: new Date(Date.UTC(2026, 4, 1) + sequence).toISOString(),
    },
    rawValue: null,
    recordedAt: new Date(Date.UTC(2026, 4, 1) + sequence + 5).toISOString(),
  };
}

async function main(): Promise<void> {
  const stack = await stackConnections();
  const kafka = testKafka(stack, 'microbank-bench-audit');
  const topic = `${uniqueName('bench')}.audit.checkpoints`;
  const database = await createServiceDatabase(stack, 'audit');
  try {
    await migrateServiceDatabase(auditService, database.url);
    await createTestTopics(kafka, stack, [topic]);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');

    console.log(`building a chain of ${RECORDS} records…`);
    const checkpoints: string[] = [];
    // inserted as the stack's admin: the service's role may insert too, but this is setup, not the measurement
    const admin = new Client({ connectionString: database.adminUrl });
    await admin.connect();
    try {
      let previous = GENESIS_HASH;
      for (let start = 1; start <= RECORDS; start += INSERT_BATCH) {
        const batch: { record: ChainedRecord; hash: Buffer }[] = [];
        for (let sequence = start; sequence < start + INSERT_BATCH && sequence <= RECORDS; sequence++) {
          const record = recordAt(sequence);
          previous = chainHash(previous, record);
          batch.push({ record, hash: previous });
          if (sequence % CHECKPOINT_EVERY === 0 || sequence === RECORDS) {
            const claim = { sequence: String(sequence), headHash: previous.toString('hex') };
            const event = createEvent(
              AuditCheckpointSignedV1,
              AUDIT_CHAIN,
              { chain: AUDIT_CHAIN, ...claim, signature: signCheckpoint(claim, privateKey) },
              { source: 'audit', correlationId: randomUUID() },
            );
            checkpoints.push(JSON.stringify(event));
          }
        }
        await admin.query(
          `INSERT INTO audit_record (sequence, topic, partition, "offset", kafka_timestamp, key, headers, event_id,
                                     event_type, event_version, source, aggregate_id, correlation_id, causation_id,
                                     occurred_at, payload, raw_value, recorded_at, hash)
           SELECT r.sequence::bigint, r.topic, r.partition::int, r."offset"::bigint, r."kafkaTimestamp"::timestamptz, r.key,
                  r.headers, r."eventId", r."eventType", r."eventVersion"::int, r.source, r."aggregateId",
                  r."correlationId", r."causationId", r."occurredAt"::timestamptz, r.payload, r."rawValue",
                  r."recordedAt"::timestamptz, decode(r.hash, 'hex')
             FROM jsonb_to_recordset($1::jsonb) AS r(sequence text, topic text, partition int, "offset" text,
                  "kafkaTimestamp" text, key text, headers jsonb, "eventId" text, "eventType" text, "eventVersion" int,
                  source text, "aggregateId" text, "correlationId" text, "causationId" text, "occurredAt" text,
                  payload jsonb, "rawValue" text, "recordedAt" text, hash text)`,
          [JSON.stringify(batch.map(({ record, hash }) => ({ ...record, hash: hash.toString('hex') })))],
        );
      }
    } finally {
      await admin.end();
    }
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: checkpoints.map((value) => ({ key: AUDIT_CHAIN, value })) });
    await producer.disconnect();

    console.log('verifying…');
    const started = performance.now();
    const progress: { records: number; at: number }[] = [];
    const outcome = await verifyAuditChain({
      databaseUrl: database.url,
      kafka,
      checkpointsTopic: topic,
      publicKey,
      onProgress: (records, perSecond) => {
        progress.push({ records, at: performance.now() });
        console.log(`  … ${records} records (${Math.round(perSecond)} records/s)`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    if (!outcome.ok) throw new Error(`the bench chain did not verify: ${outcome.problem.message}`);
    console.log(
      `${outcome.records} records and ${outcome.checkpoints} checkpoints verified in ${seconds.toFixed(2)} s: ` +
        `${Math.round(outcome.records / seconds)} records/s (the checkpoint topic read included)`,
    );
    const [first, last] = [progress[0], progress[progress.length - 1]];
    if (first && last && last !== first) {
      const walk = (last.records - first.records) / ((last.at - first.at) / 1000);
      console.log(`the chain walk alone, between its first and last progress lines: ${Math.round(walk)} records/s`);
    }
  } finally {
    await deleteTestTopics(kafka, [topic]).catch(() => undefined);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
