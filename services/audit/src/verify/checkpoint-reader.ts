import { randomUUID, type KeyObject } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { AuditCheckpointSignedV1, envelopeSchema } from '@microbank/contracts';
import { checkpointSignatureValid } from '../chain/checkpoint-signature';
import type { TrustedCheckpoint } from './chain-walk';
import type { ChainProblem } from './verify-outcome';

const READ_TIMEOUT_MS = 60_000;

interface RawCheckpoint {
  readonly partition: number;
  readonly offset: string;
  readonly value: Buffer | null;
}

/**
 * Every checkpoint on the topic up to its end when the read began, with its signature checked; or the first (in
 * sequence order) that is malformed or not signed by `publicKey`. Reads through a throwaway consumer group.
 */
export async function readCheckpoints(
  kafka: Kafka,
  topic: string,
  publicKey: KeyObject,
): Promise<{ checkpoints: TrustedCheckpoint[] } | { problem: ChainProblem }> {
  const raw = await readTopic(kafka, topic);
  const checkpoints: TrustedCheckpoint[] = [];
  const problems: ChainProblem[] = [];
  for (const record of raw) {
    const where = `the checkpoint at ${topic}/${record.partition}/${record.offset}`;
    const checkpoint = parseCheckpoint(record.value);
    if (!checkpoint) {
      problems.push({
        kind: 'malformed-checkpoint',
        sequence: null,
        message: `${where} is not an AuditCheckpointSigned v1`,
      });
      continue;
    }
    const { payload } = checkpoint;
    if (!checkpointSignatureValid(payload, payload.signature, publicKey)) {
      problems.push({
        kind: 'bad-signature',
        sequence: payload.sequence,
        message: `checkpoint ${payload.sequence} (${where}) has a signature the audit key did not make: it is forged`,
      });
      continue;
    }
    checkpoints.push({
      sequence: BigInt(payload.sequence),
      headHash: payload.headHash,
      signedAt: checkpoint.occurredAt,
    });
  }
  const [problem] = problems.sort((a, b) => (BigInt(a.sequence ?? 0) < BigInt(b.sequence ?? 0) ? -1 : 1));
  if (problem) return { problem };
  return { checkpoints: checkpoints.sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0)) };
}

function parseCheckpoint(value: Buffer | null) {
  try {
    const envelope = envelopeSchema.parse(JSON.parse(value?.toString('utf8') ?? ''));
    if (envelope.type !== AuditCheckpointSignedV1.type || envelope.version !== AuditCheckpointSignedV1.version) {
      return undefined;
    }
    return { occurredAt: envelope.occurredAt, payload: AuditCheckpointSignedV1.payload.parse(envelope.payload) };
  } catch {
    return undefined;
  }
}

async function readTopic(kafka: Kafka, topic: string): Promise<RawCheckpoint[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `audit-verify.${randomUUID()}`;
  try {
    // the end as it is now: checkpoints signed while the verifier runs are for the next run
    const ends = new Map<number, bigint>();
    for (const partition of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(partition.high) > BigInt(partition.low)) ends.set(partition.partition, BigInt(partition.high));
    }
    if (ends.size === 0) return [];
    const records: RawCheckpoint[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`reading the checkpoints on ${topic} took longer than ${READ_TIMEOUT_MS / 1000} s`)),
          READ_TIMEOUT_MS,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const end = ends.get(partition);
              if (end === undefined || BigInt(message.offset) >= end) return;
              records.push({ partition, offset: message.offset, value: message.value });
              if (BigInt(message.offset) + 1n >= end) ends.delete(partition);
              if (ends.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch((error: Error) => {
            clearTimeout(timer);
            reject(error);
          });
      });
    } finally {
      await consumer.disconnect();
    }
    return records;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
