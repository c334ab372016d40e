import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOG } from './event-catalog';
import { renderEventCatalog } from './render-event-catalog';
import { TOPIC_SPECS } from './topics';

describe('the event catalog', () => {
  it('is in step with the schemas (regenerate with `pnpm --filter @microbank/contracts catalog`)', async () => {
    const committed = await readFile(path.resolve(__dirname, '..', 'EVENTS.md'), 'utf8');

    expect(committed).toBe(renderEventCatalog());
  });

  it('has an example for every event that passes its own schema', () => {
    for (const definition of EVENT_CATALOG) {
      expect(
        definition.payload.safeParse(definition.example).success,
        `${definition.type} v${definition.version}`,
      ).toBe(true);
    }
  });

  it('puts every event on a provisioned topic, each type and version once', () => {
    const topics = TOPIC_SPECS.map((spec) => spec.name);
    const ids = EVENT_CATALOG.map((d) => `${d.type}@${d.version}`);

    expect(EVENT_CATALOG.every((d) => topics.includes(d.topic))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
