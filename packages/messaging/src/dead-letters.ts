import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';
import { DeadLetterHeaders, EventHeaders, headerText } from './kafka-headers';
import { AcknowledgedProducer, type StoredMessage } from './acknowledged-producer';

export interface DeadLetter {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
  readonly eventId: string | undefined;
  readonly originalTopic: string | undefined;
  readonly reason: string | undefined;
  readonly error: string | undefined;
  readonly attempts: number | undefined;
  readonly failedAt: string | undefined;
}

/** Reads every message now in a dead-letter topic (without a lasting consumer group). */
export async function listDeadLetters(kafka: Kafka, deadLetterTopic: string): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `microbank.dlt-reader.${randomUUID()}`;
  try {
    const ends = (await admin.fetchTopicOffsets(deadLetterTopic)).filter((p) => BigInt(p.high) > BigInt(p.low));
    if (ends.length === 0) return [];
    const remaining = new Map(ends.map((p) => [p.partition, BigInt(p.high)]));
    const letters: DeadLetter[] = [];
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: deadLetterTopic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        void consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const end = remaining.get(partition);
              if (end === undefined || BigInt(message.offset) >= end) return;
              letters.push(toDeadLetter(partition, message.offset, message.key, message.value, message.headers ?? {}));
              if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * Publishes dead letters back to the topics they came from, with their original key, value and event headers.
 * Re-driving one twice is harmless: consumers skip an event id they already handled.
 */
export async function redriveDeadLetters(kafka: Kafka, letters: readonly DeadLetter[]): Promise<StoredMessage[]> {
  for (const letter of letters) {
    if (!letter.originalTopic)
      throw new Error(`dead letter at ${letter.partition}:${letter.offset} names no original topic`);
  }
  if (letters.length === 0) return [];
  const producer = new AcknowledgedProducer(kafka);
  try {
    // one request, proven partition by partition: a redrive that returns has put every letter back
    return await producer.send(
      letters.map((letter) => ({
        topic: letter.originalTopic!,
        message: {
          key: letter.key,
          value: letter.value,
          headers: Object.fromEntries(Object.entries(letter.headers).filter(([name]) => !name.startsWith('dlt-'))),
        },
      })),
    );
  } finally {
    await producer.disconnect();
  }
}

function toDeadLetter(
  partition: number,
  offset: string,
  key: Buffer | null,
  value: Buffer | null,
  headers: IHeaders,
): DeadLetter {
  const attempts = headerText(headers, DeadLetterHeaders.attempts);
  return {
    partition,
    offset,
    key: key?.toString() ?? null,
    value,
    headers,
    eventId: headerText(headers, EventHeaders.eventId),
    originalTopic: headerText(headers, DeadLetterHeaders.originalTopic),
    reason: headerText(headers, DeadLetterHeaders.reason),
    error: headerText(headers, DeadLetterHeaders.error),
    attempts: attempts === undefined ? undefined : Number(attempts),
    failedAt: headerText(headers, DeadLetterHeaders.failedAt),
  };
}
