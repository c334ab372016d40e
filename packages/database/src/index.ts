export { createPool } from './create-pool';
export { migrateDatabase } from './migrate-database';
export { isDatabaseUnavailable } from './database-unavailable';
export { NotificationListener } from './notification-listener';
export type { NotificationListenerOptions } from './notification-listener';
export { SqlClient, SqlTimeoutError, SqlTransaction } from './sql-client';
export type { SqlRunner, SqlTransactionOptions } from './sql-client';
