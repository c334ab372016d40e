export { createPool } from './create-pool';
