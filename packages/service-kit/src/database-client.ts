import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { createPool } from '@microbank/database';
import type { SqlExecutor, TransactionRunner } from '@microbank/messaging';

/** What the kit needs of a service's generated Prisma client. */
export interface DatabaseClient extends SqlExecutor, TransactionRunner {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $disconnect(): Promise<void>;
}

/** A service's PrismaService class: `class PrismaService extends PrismaClient {}`; the kit constructs it. */
export type DatabaseClientClass<T extends DatabaseClient = DatabaseClient> = new (options: {
  adapter: PrismaPg;
  transactionOptions: { maxWait: number; timeout: number };
}) => T;

// bursts queue for a connection and a row lock: give them time rather than fail (money movements set their own)
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 };
const POOL_SIZE = 20;

export interface ConnectedDatabase<T extends DatabaseClient> {
  readonly client: T;
  readonly pool: Pool;
  /** Disconnects the client and ends its pool. */
  close(): Promise<void>;
}

/** A service's PrismaService on a pg pool of its own (the app gets one through the kit; tests and scripts, here). */
export function connectDatabase<T extends DatabaseClient>(
  clientClass: DatabaseClientClass<T>,
  databaseUrl: string,
): ConnectedDatabase<T> {
  const pool = createPool(databaseUrl, { max: POOL_SIZE });
  const client = new clientClass({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
  return {
    client,
    pool,
    close: async () => {
      await client.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
