import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA } from './messaging.tokens';

/**
 * The readiness check for Kafka: the cluster answers and has a controller. One admin connection serves every
 * probe (a fresh one per probe would cost a connection and a metadata round trip each time); a failed probe
 * drops it, and the next one connects again.
 */
@Injectable()
export class KafkaReadiness implements OnApplicationShutdown {
  private admin: Admin | undefined;
  private connected: Promise<void> | undefined;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async check(): Promise<void> {
    this.admin ??= this.kafka.admin();
    const admin = this.admin;
    try {
      await (this.connected ??= admin.connect());
      const cluster = await admin.describeCluster();
      if (cluster.controller === null || cluster.brokers.length === 0) throw new Error('no controller');
    } catch (error) {
      await this.drop();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drop();
  }

  private async drop(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    this.connected = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
