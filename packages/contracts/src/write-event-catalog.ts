import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderEventCatalog } from './render-event-catalog';

// run by `pnpm --filter @microbank/contracts catalog`; a unit test fails when EVENTS.md is stale
const file = path.resolve(__dirname, '..', 'EVENTS.md');
writeFileSync(file, renderEventCatalog());
console.log(`wrote ${file}`);
