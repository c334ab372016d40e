export { createPool } from './create-pool';
export { migrateDatabase } from './migrate-database';
export { isDatabaseUnavailable } from './database-unavailable';
