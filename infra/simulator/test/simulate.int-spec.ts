import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAUD_RULES } from '@microbank/contracts';
import { BankUnderTest } from '@microbank/testing';
import { simulate, type SimulationResult } from '../src';

const ANALYST = { email: 'analyst@simulator.microbank.local', password: 'an analyst password for the test' };

// The simulator against the user, account, card and fraud services as real processes, on databases and topics of
// this file only: a short, seeded run in which every fraud rule is played once must be caught, and nothing else.
describe('pnpm simulate', () => {
  let bank: BankUnderTest;
  let result: SimulationResult;
  let printed = '';

  beforeAll(async () => {
    bank = await BankUnderTest.start(['user', 'account', 'card', 'fraud'], {
      user: { SIGNUPS_PER_ADDRESS: '1000', ANALYST_EMAIL: ANALYST.email, ANALYST_PASSWORD: ANALYST.password },
    });
    result = await simulate({
      seed: 7,
      customers: 12,
      rate: 4,
      // 6 of 12: each of the six rules is played by one fraudster
      fraudRate: 0.5,
      durationSeconds: 20,
      urls: { user: bank.urls.user, account: bank.urls.account, card: bank.urls.card, fraud: bank.urls.fraud },
      networkKey: bank.networkKey,
      analyst: ANALYST,
      requestTimeoutMs: 10_000,
      settleMs: 30_000,
      out: { write: (text: string) => (printed += text) },
    });
  }, 150_000);

  afterAll(async () => {
    await bank?.stop();
  });

  it('plays every fraud rule once', () => {
    expect(result.injections.map((i) => i.rule).sort()).toEqual([...FRAUD_RULES].sort());
  });

  it('sees every injected pattern caught by its rule: recall 1 for each', () => {
    for (const score of result.scores) {
      expect({ rule: score.rule, recall: score.recall, missed: score.missed }).toEqual({
        rule: score.rule,
        recall: 1,
        missed: 0,
      });
    }
  });

  it('raises no alert on honest traffic, nor a second rule on a fraudster: precision 1 for each', () => {
    expect(result.alerts).toHaveLength(FRAUD_RULES.length);
    for (const score of result.scores) expect(score.precision).toBe(1);
  });

  it('answers every request it planned as the plan expects', () => {
    expect(Object.fromEntries(result.outcomes.unexpected)).toEqual({});
    expect(result.outcomes.skipped).toBe(0);
    // a 202 is the card service's own answer when the account's takes over 2 s (a busy machine): not a failure
    expect(result.outcomes.cardPayments + result.outcomes.latePayments).toBeGreaterThan(10);
  });

  it('prints the table of injected patterns against alerts, a row per rule and a total', () => {
    expect(printed).toContain(result.table);
    expect(result.table.split('\n')[0]).toMatch(
      /^\| rule +\| injected \| true positives \| false positives \| missed \| precision \| recall \|$/,
    );
    for (const rule of FRAUD_RULES)
      expect(result.table).toMatch(
        new RegExp(`^\\| ${rule} +\\| +1 \\| +1 \\| +0 \\| +0 \\| +1\\.00 \\| +1\\.00 \\|$`, 'm'),
      );
    expect(result.table).toMatch(/^\| all rules +\| +6 \| +6 \| +0 \| +0 \| +1\.00 \| +1\.00 \|$/m);
  });
});
