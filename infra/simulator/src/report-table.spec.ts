import { describe, expect, it } from 'vitest';
import { fraction, renderScores } from './report-table';
import { scoreRules } from './scoring';

describe('renderScores', () => {
  it('prints a Markdown table: a row per rule, the total, numbers right-aligned, 0/0 as "—"', () => {
    const scores = scoreRules(
      [
        { rule: 'velocity', userId: 'u1', accountId: 'a1', cardId: 'c1' },
        { rule: 'structuring', userId: 'u2', accountId: 'a2', cardId: null },
      ],
      [
        { id: '1', rule: 'velocity', userId: 'u1', accountId: 'a1', cardId: 'c1' },
        { id: '2', rule: 'large-amount', userId: 'u3', accountId: 'a3', cardId: null },
      ],
    );
    expect(renderScores(scores)).toBe(
      [
        '| rule              | injected | true positives | false positives | missed | precision | recall |',
        '|-------------------|---------:|---------------:|----------------:|-------:|----------:|-------:|',
        '| large-amount      |        0 |              0 |               1 |      0 |      0.00 |      — |',
        '| velocity          |        1 |              1 |               0 |      0 |      1.00 |   1.00 |',
        '| card-testing      |        0 |              0 |               0 |      0 |         — |      — |',
        '| impossible-travel |        0 |              0 |               0 |      0 |         — |      — |',
        '| new-account-drain |        0 |              0 |               0 |      0 |         — |      — |',
        '| structuring       |        1 |              0 |               0 |      1 |         — |   0.00 |',
        '| all rules         |        2 |              1 |               1 |      1 |      0.50 |   0.50 |',
      ].join('\n'),
    );
  });

  it('shows ratios with two decimals', () => {
    expect(fraction(2 / 3)).toBe('0.67');
    expect(fraction(0)).toBe('0.00');
    expect(fraction(null)).toBe('—');
  });
});
