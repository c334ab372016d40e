import { describe, expect, it } from 'vitest';
import { stackConnections, stackFor } from '@microbank/testing';
import { SCENARIOS, passed, renderScenario, runScenario } from '../src';

// Each `pnpm chaos` scenario as a test, with the same pass rule: no event the outbox promised is missing from
// Kafka, and every ledger rule holds. Duplicates are counted and reported, not failed: consumers drop them.
describe('chaos: faults under load', () => {
  for (const scenario of SCENARIOS) {
    it(`loses no event and conserves money: ${scenario.title}`, { timeout: 900_000 }, async () => {
      const connections = await stackConnections();
      if (connections.profile !== 'full')
        throw new Error('chaos needs the full profile (3 brokers, 3 ZooKeeper nodes)');
      const result = await runScenario(stackFor(connections), connections, scenario);
      console.log(renderScenario(result));

      expect(result.rounds).toHaveLength(scenario.rounds);
      for (const round of result.rounds) {
        expect(round.accepted, `round ${round.round}: requests accepted`).toBeGreaterThan(0);
        expect(round.eventsLost, `round ${round.round}: events lost`).toBe(0);
        expect(round.moneyProblems, `round ${round.round}: money`).toEqual([]);
        expect(round.eventsOnTopic, `round ${round.round}: events on the topics`).toBe(round.eventsExpected);
        // an outage is a 503 the client may retry with its Idempotency-Key, never an unexplained 500
        expect(round.internalErrors, `round ${round.round}: 500 answers`).toBe(0);
      }
      expect(passed(result)).toBe(true);
    });
  }
});
