import { Partitioners, type Admin, type Kafka, type Message, type PartitionMetadata, type Producer } from 'kafkajs';
import { orderedProducer } from './ordered-producer';
import { offsetsFromAcks } from './acks';
import { RecordRejectedError } from './record-rejection';

export interface OutgoingMessage {
  readonly topic: string;
  readonly message: Message;
}

/** Where Kafka stored a message, proven by its acknowledgement. */
export interface StoredMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Writes with acks=all and returns where every message landed, or throws: a KafkaJS 2.2.4 `sendBatch` can resolve
 * without an acknowledgement for some partitions when a broker fails mid-request (tulios/kafkajs#1303), so the
 * result is checked partition by partition before anyone treats a message as stored.
 */
export class AcknowledgedProducer {
  // the Java client's murmur2 partitioner: choosing the partition here is what lets each offset be proven
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly partitions = new Map<string, PartitionMetadata[]>();
  private producer: Producer | undefined;
  private admin: Admin | undefined;

  constructor(private readonly kafka: Kafka) {}

  async connect(): Promise<void> {
    this.producer ??= orderedProducer(this.kafka);
    await this.producer.connect();
    this.admin ??= this.kafka.admin();
    await this.admin.connect();
  }

  /** Sends `messages` in one batch; the result is in the same order. Any partition without proof fails it all. */
  async send(messages: readonly OutgoingMessage[]): Promise<StoredMessage[]> {
    if (!this.producer) await this.connect();
    try {
      const placed: { topic: string; partition: number }[] = [];
      const byTopic = new Map<string, Message[]>();
      for (const { topic, message } of messages) {
        const partition =
          message.partition ?? this.partitioner({ topic, partitionMetadata: await this.partitionsOf(topic), message });
        placed.push({ topic, partition });
        const topicMessages = byTopic.get(topic) ?? [];
        topicMessages.push({ ...message, partition });
        byTopic.set(topic, topicMessages);
      }
      // acks=all with min.insync.replicas=2: stored means on two brokers at least
      const acks = await this.producer!.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
      });
      const offsets = offsetsFromAcks(placed, acks);
      return placed.map((where, i) => ({ ...where, offset: offsets[i]! }));
    } catch (error) {
      // a fresh producer id after any failure: an in-doubt batch may then be written twice, which consumers
      // deduplicate, but stale sequence numbers can never wedge the producer
      await this.disconnect();
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    const { producer, admin } = this;
    this.producer = undefined;
    this.admin = undefined;
    this.partitions.clear();
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  }

  private async partitionsOf(topic: string): Promise<PartitionMetadata[]> {
    let partitions = this.partitions.get(topic);
    if (!partitions) {
      // asked first, because a missing topic would otherwise surface only after KafkaJS's retries, as an outage
      if (!(await this.admin!.listTopics()).includes(topic))
        throw new RecordRejectedError(`topic ${topic} does not exist`);
      const metadata = await this.admin!.fetchTopicMetadata({ topics: [topic] });
      partitions = metadata.topics[0]!.partitions;
      this.partitions.set(topic, partitions);
    }
    return partitions;
  }
}
