import type { Admin, Kafka } from 'kafkajs';

/**
 * One admin connection kept between reads, dropped after a failed or abandoned read and made again by the next. A
 * connection that completes only after it was dropped (a broker died while it connected) is closed, not kept: it
 * would replace a newer one, which then nobody closes.
 */
export class KeptAdmin {
  private admin: Admin | undefined;
  private generation = 0;

  constructor(private readonly kafka: Kafka) {}

  async get(): Promise<Admin> {
    if (this.admin) return this.admin;
    const generation = this.generation;
    const admin = this.kafka.admin();
    await admin.connect();
    if (generation !== this.generation || this.admin) {
      await admin.disconnect().catch(() => undefined);
      if (this.admin) return this.admin; // a read beside this one connected first
      throw new Error('the admin connection was dropped while it connected');
    }
    this.admin = admin;
    return admin;
  }

  async drop(): Promise<void> {
    this.generation++;
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
