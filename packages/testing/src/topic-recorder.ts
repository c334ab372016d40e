import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import { waitFor } from '@microbank/stack';

export interface RecordedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: IHeaders;
}

/**
 * Reads topics from the beginning into memory, so a test can await what arrived. Each record (topic, partition,
 * offset) is kept once: a consumer may be handed a record again after a rebalance, but the log holds it once.
 */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private readonly seen = new Set<string>();
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    readonly groupId: string,
  ) {}

  async start(topics: readonly string[]): Promise<this> {
    this.consumer = this.kafka.consumer({ groupId: this.groupId });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const position = `${topic}/${partition}/${message.offset}`;
        if (this.seen.has(position)) return;
        this.seen.add(position);
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: message.headers ?? {},
        });
      },
    });
    return this;
  }

  /** The parsed JSON values on `topic`, in arrival order. */
  values<T>(topic?: string): T[] {
    return this.messages.filter((m) => topic === undefined || m.topic === topic).map((m) => JSON.parse(m.value!) as T);
  }

  /** Every message value as it arrived, unparsed (e.g. to search them for what must never be published). */
  rawValues(topic?: string): string[] {
    return this.messages.filter((m) => topic === undefined || m.topic === topic).map((m) => m.value ?? '');
  }

  async waitForCount(count: number, topic?: string, timeoutMs = 60_000): Promise<void> {
    await waitFor(() => this.messages.filter((m) => topic === undefined || m.topic === topic).length >= count, {
      timeoutMs,
      intervalMs: 100,
      what: `${count} messages${topic ? ` on ${topic}` : ''} (have ${this.messages.length})`,
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
