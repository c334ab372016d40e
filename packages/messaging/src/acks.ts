import type { RecordMetadata } from 'kafkajs';

/** A write that Kafka did not prove it stored: the caller must treat every message of it as not sent. */
export class UnacknowledgedWriteError extends Error {
  constructor(readonly partitions: readonly string[]) {
    super(`no acknowledgement with an offset for ${partitions.join(', ')}`);
    this.name = 'UnacknowledgedWriteError';
  }
}

/**
 * Each message's offset, from the acknowledgements of the request that sent them (messages of one partition are
 * stored consecutively from the partition's base offset, in the order sent). Throws unless every partition in
 * `sent` has an acknowledgement with no error and a base offset.
 */
export function offsetsFromAcks(
  sent: readonly { readonly topic: string; readonly partition: number }[],
  acks: readonly RecordMetadata[],
): string[] {
  const base = new Map<string, bigint>();
  for (const ack of acks) {
    if (ack.errorCode === 0 && ack.baseOffset !== undefined && BigInt(ack.baseOffset) >= 0n) {
      base.set(`${ack.topicName}/${ack.partition}`, BigInt(ack.baseOffset));
    }
  }
  const next = new Map<string, bigint>();
  const missing = new Set<string>();
  const offsets = sent.map(({ topic, partition }) => {
    const where = `${topic}/${partition}`;
    const offset = next.get(where) ?? base.get(where);
    if (offset === undefined) {
      missing.add(where);
      return '';
    }
    next.set(where, offset + 1n);
    return offset.toString();
  });
  if (missing.size) throw new UnacknowledgedWriteError([...missing]);
  return offsets;
}
