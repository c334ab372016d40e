import { describe, expect, it } from 'vitest';
import { formatMoney, scoreOf } from './rule-math';

describe('scoreOf', () => {
  it('scores 50 at the threshold, and 50 below it', () => {
    expect(scoreOf(10, 10)).toBe(50);
    expect(scoreOf(3, 10)).toBe(50);
  });

  it('rises towards 100 as the observed value grows past the threshold', () => {
    expect(scoreOf(20, 10)).toBe(75);
    expect(scoreOf(11, 10)).toBe(55);
    expect(scoreOf(1_000_000, 10)).toBe(100);
    expect(scoreOf(Number.POSITIVE_INFINITY, 10)).toBe(100);
  });

  it('stays within 1..100 for any observed value', () => {
    for (const observed of [0, 0.5, 1, 9, 10, 11, 99, 1e6, 1e12, Number.POSITIVE_INFINITY]) {
      const score = scoreOf(observed, 10);
      expect(score).toBeGreaterThanOrEqual(1);
      expect(score).toBeLessThanOrEqual(100);
      expect(Number.isInteger(score)).toBe(true);
    }
  });

  it('scores 100 when the threshold is zero or less', () => {
    expect(scoreOf(1, 0)).toBe(100);
    expect(scoreOf(1, -5)).toBe(100);
  });
});

describe('formatMoney', () => {
  it('formats euro cents with two decimals and thousands separators', () => {
    expect(formatMoney(1_234_567n, 'EUR')).toBe('12,345.67 EUR');
    expect(formatMoney(123_456_789_00n, 'EUR')).toBe('123,456,789.00 EUR');
  });

  it('pads small amounts to two decimals', () => {
    expect(formatMoney(5n, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(0n, 'USD')).toBe('0.00 USD');
    expect(formatMoney(100n, 'GBP')).toBe('1.00 GBP');
  });

  it('formats yen without a fraction, since the yen has no minor unit', () => {
    expect(formatMoney(800_000n, 'JPY')).toBe('800,000 JPY');
    expect(formatMoney(5n, 'JPY')).toBe('5 JPY');
  });
});
