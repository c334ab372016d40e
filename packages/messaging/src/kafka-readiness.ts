import type { Kafka } from 'kafkajs';

/** A readiness check: the cluster answers and has a controller. */
export function kafkaReadinessCheck(kafka: Kafka): () => Promise<void> {
  return async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      if (cluster.controller === null || cluster.brokers.length === 0) throw new Error('no controller');
    } finally {
      await admin.disconnect();
    }
  };
}
