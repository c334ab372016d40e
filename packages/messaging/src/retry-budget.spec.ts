import { describe, expect, it } from 'vitest';
import type { FailureKind } from './messaging-errors';
import { RetryBudget } from './retry-budget';

const decisions = (budget: RetryBudget, kinds: readonly FailureKind[]) => kinds.map((k) => budget.recordFailure(k));

describe('RetryBudget', () => {
  it('dead-letters a permanent failure at once', () => {
    expect(new RetryBudget(5).recordFailure('permanent')).toBe('dead-letter');
  });

  it('retries transient failures without limit', () => {
    const budget = new RetryBudget(5);

    expect(decisions(budget, Array<FailureKind>(100).fill('transient'))).toEqual(Array(100).fill('retry'));
    expect(budget.attempts).toBe(100);
  });

  it('dead-letters the unknown failure that uses up its attempts', () => {
    expect(decisions(new RetryBudget(3), ['unknown', 'unknown', 'unknown'])).toEqual(['retry', 'retry', 'dead-letter']);
  });

  it('gives unknown failures their own attempts, however many transient ones came before', () => {
    const budget = new RetryBudget(3);

    expect(decisions(budget, ['transient', 'transient', 'transient', 'transient', 'unknown', 'unknown'])).toEqual(
      Array(6).fill('retry'),
    );
    expect(budget.recordFailure('unknown')).toBe('dead-letter');
    expect(budget.attempts).toBe(7); // the dead letter reports every attempt
  });

  it('keeps counting unknown failures across transient ones in between', () => {
    expect(decisions(new RetryBudget(3), ['unknown', 'transient', 'unknown', 'transient', 'unknown'])).toEqual([
      'retry',
      'retry',
      'retry',
      'retry',
      'dead-letter',
    ]);
  });

  it('still dead-letters a permanent failure after transient and unknown ones', () => {
    expect(decisions(new RetryBudget(5), ['transient', 'unknown', 'permanent'])).toEqual([
      'retry',
      'retry',
      'dead-letter',
    ]);
  });
});
