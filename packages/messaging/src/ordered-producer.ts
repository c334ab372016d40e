import { Partitioners, type Kafka, type Producer } from 'kafkajs';

/**
 * The one way messaging produces: idempotent with one request in flight, so retries neither duplicate nor
 * reorder a partition, the Java client's partitioner, and never a topic created by accident.
 */
export function orderedProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
}
