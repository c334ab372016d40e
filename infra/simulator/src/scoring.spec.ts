import { describe, expect, it } from 'vitest';
import { scoreRules, totalOf, type Injection, type RaisedAlert } from './scoring';

const injection = (rule: Injection['rule'], who: string, cardId: string | null = null): Injection => ({
  rule,
  userId: `user-${who}`,
  accountId: `account-${who}`,
  cardId,
});
let ids = 0;
const alert = (rule: RaisedAlert['rule'], who: string, cardId: string | null = null): RaisedAlert => ({
  id: `alert-${++ids}`,
  rule,
  userId: `user-${who}`,
  accountId: `account-${who}`,
  cardId,
});
const scoreOf = (rule: string, injections: Injection[], alerts: RaisedAlert[]) =>
  scoreRules(injections, alerts).find((s) => s.rule === rule)!;

describe('scoreRules', () => {
  it('counts an injection caught by its rule on its subject as a true positive', () => {
    expect(scoreOf('structuring', [injection('structuring', 'a')], [alert('structuring', 'a')])).toEqual({
      rule: 'structuring',
      injected: 1,
      truePositives: 1,
      falsePositives: 0,
      missed: 0,
      precision: 1,
      recall: 1,
    });
  });

  it('matches the card rules by card: an alert on another card of the same customer is a false positive', () => {
    const score = scoreOf('velocity', [injection('velocity', 'a', 'card-1')], [alert('velocity', 'a', 'card-2')]);
    expect(score).toMatchObject({ truePositives: 0, falsePositives: 1, missed: 1, precision: 0, recall: 0 });
  });

  it('counts an alert of another rule on a fraudster as a false positive of that rule, not a hit', () => {
    const scores = scoreRules([injection('card-testing', 'a', 'card-1')], [alert('velocity', 'a', 'card-1')]);
    expect(scores.find((s) => s.rule === 'card-testing')).toMatchObject({ truePositives: 0, missed: 1, recall: 0 });
    expect(scores.find((s) => s.rule === 'velocity')).toMatchObject({
      injected: 0,
      falsePositives: 1,
      precision: 0,
      recall: null,
    });
  });

  it('works out precision and recall as fractions', () => {
    const injections = [
      injection('large-amount', 'a'),
      injection('large-amount', 'b'),
      injection('large-amount', 'c'),
      injection('large-amount', 'd'),
    ];
    const alerts = [
      alert('large-amount', 'a'),
      alert('large-amount', 'b'),
      alert('large-amount', 'c'),
      alert('large-amount', 'honest'),
    ];
    expect(scoreOf('large-amount', injections, alerts)).toMatchObject({
      truePositives: 3,
      falsePositives: 1,
      missed: 1,
      precision: 0.75,
      recall: 0.75,
    });
  });

  it('leaves precision and recall undefined (null) for 0/0: nothing injected, nothing raised', () => {
    expect(scoreOf('impossible-travel', [], [])).toEqual({
      rule: 'impossible-travel',
      injected: 0,
      truePositives: 0,
      falsePositives: 0,
      missed: 0,
      precision: null,
      recall: null,
    });
  });

  it('gives precision null but recall 0 when an injection raised nothing at all', () => {
    expect(scoreOf('new-account-drain', [injection('new-account-drain', 'a')], [])).toMatchObject({
      precision: null,
      recall: 0,
      missed: 1,
    });
  });

  it('scores every rule of the contract, in its order, whatever was injected', () => {
    expect(scoreRules([], []).map((s) => s.rule)).toEqual([
      'large-amount',
      'velocity',
      'card-testing',
      'impossible-travel',
      'new-account-drain',
      'structuring',
    ]);
  });

  it('totals over the rules from the summed counts, not by averaging ratios', () => {
    const scores = scoreRules(
      [injection('structuring', 'a'), injection('velocity', 'b', 'card-b'), injection('velocity', 'c', 'card-c')],
      [alert('structuring', 'a'), alert('velocity', 'b', 'card-b'), alert('card-testing', 'honest', 'card-h')],
    );
    expect(totalOf(scores)).toEqual({
      injected: 3,
      truePositives: 2,
      falsePositives: 1,
      missed: 1,
      precision: 2 / 3,
      recall: 2 / 3,
    });
  });
});
