import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import {
  PermanentEventError,
  TransactionPostedV1,
  TransactionPostedV2,
  decodeEvent,
  type Currency,
} from '@microbank/contracts';

/** The newest TransactionPosted of one account in the log, and where it sits. */
export interface NewestPosting {
  readonly accountId: string;
  readonly eventId: string;
  readonly transactionId: string;
  readonly balanceAfterMinor: bigint;
  readonly currency: Currency;
  readonly partition: number;
  readonly offset: bigint;
}

export interface PostingLog {
  /** The newest posting per account, in partition order (one account's postings sit on one partition). */
  readonly newest: ReadonlyMap<string, NewestPosting>;
  /** The offset each partition was read up to (excluded): its high watermark when the read started. */
  readonly readTo: ReadonlyMap<number, bigint>;
  readonly messages: number;
  /** Messages that are no valid event: their consumer dead-letters them too. */
  readonly undecodable: number;
}

export type Progress = (line: string) => void;

const PROGRESS_EVERY_MS = 2_000;

/**
 * Reads a transactions topic from its earliest offsets up to the high watermarks taken at the start, so the read
 * ends however busy the topic is. A throwaway consumer group (a unique id, deleted afterwards) does the reading:
 * nothing is committed anywhere the service's own consumers look.
 */
export async function readPostingLog(kafka: Kafka, topic: string, progress: Progress): Promise<PostingLog> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const watermarks = await admin.fetchTopicOffsets(topic);
    const readTo = new Map(watermarks.map((w) => [w.partition, BigInt(w.high)]));
    const next = new Map(watermarks.map((w) => [w.partition, BigInt(w.low)]));
    const total = watermarks.reduce((sum, w) => sum + (BigInt(w.high) - BigInt(w.low)), 0n);
    const newest = new Map<string, NewestPosting>();
    let messages = 0;
    let undecodable = 0;
    const remaining = () => [...readTo].filter(([partition, high]) => (next.get(partition) ?? 0n) < high).length;
    if (remaining() === 0) return { newest, readTo, messages, undecodable };

    const groupId = `${topic}.reconcile-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    let lastProgress = Date.now();
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              const high = readTo.get(batch.partition) ?? 0n;
              for (const message of batch.messages) {
                const offset = BigInt(message.offset);
                if (offset >= high) break;
                messages++;
                const posting = decode(message.value, batch.partition, offset);
                if (posting === undefined) undecodable++;
                else if (posting !== null) newest.set(posting.accountId, posting);
              }
              const last = batch.messages.at(-1);
              if (last) next.set(batch.partition, BigInt(last.offset) + 1n);
              if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
                lastProgress = Date.now();
                progress(`read ${messages} of ${total} messages of ${topic}`);
              }
              if (remaining() === 0) resolve();
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch((error: Error) => {
        progress(`could not delete the throwaway consumer group ${groupId}: ${error.message}`);
      });
    }
    return { newest, readTo, messages, undecodable };
  } finally {
    await admin.disconnect();
  }
}

// null: another event type the topic carries; undefined: not a valid event at all
function decode(value: Buffer | null, partition: number, offset: bigint): NewestPosting | null | undefined {
  try {
    const decoded = decodeEvent(value, [TransactionPostedV1, TransactionPostedV2]);
    if (decoded.kind === 'not-handled') return null;
    const { event } = decoded;
    return {
      accountId: event.payload.accountId,
      eventId: event.eventId,
      transactionId: event.payload.transactionId,
      balanceAfterMinor: BigInt(event.payload.balanceAfter.amountMinor),
      currency: event.payload.balanceAfter.currency,
      partition,
      offset,
    };
  } catch (error) {
    if (error instanceof PermanentEventError) return undefined;
    throw error;
  }
}
