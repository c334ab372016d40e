import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { createPool } from '@microbank/database';
import { ACCOUNT_CONFIG, type AccountConfig } from '../config';
import { PrismaClient } from '../generated/prisma/client';

/** The service's only database client; repositories query through it, services open transactions on it. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@Inject(ACCOUNT_CONFIG) config: AccountConfig) {
    const pool = createPool(config.DATABASE_URL, { max: 20 });
    // bursts queue for a connection and a row lock; give them time rather than fail (money movements set their own)
    super({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 30_000, timeout: 30_000 } });
    this.pool = pool;
  }

  /** Readiness: the database answers. */
  async ping(): Promise<void> {
    await this.$queryRaw`SELECT 1`;
  }

  // after the consumers and the relay stopped (they finish the message in hand through this client)
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
    await this.pool.end().catch(() => undefined);
  }
}
