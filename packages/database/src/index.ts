export { createPool } from './create-pool';
export { migrateDatabase } from './migrate-database';
