export { createPool } from './create-pool';
export { migrateDatabase } from './migrate-database';
export { isDatabaseUnavailable } from './database-unavailable';
export { SqlClient, SqlTimeoutError, SqlTransaction } from './sql-client';
export type { SqlRunner, SqlTransactionOptions } from './sql-client';
