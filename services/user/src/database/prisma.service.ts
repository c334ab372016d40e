import type { OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { createPool } from '@microbank/database';
import { PrismaClient } from '../generated/prisma/client';

export type { TransactionClient } from '../generated/prisma/internal/prismaNamespace';

/** The user service's database, through the pg driver adapter. */
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    const pool = createPool(databaseUrl, { max: 10 });
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}
