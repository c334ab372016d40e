import { describe, expect, it } from 'vitest';
import { displayMoney, formatMinor } from './money-format';

describe('formatMinor', () => {
  it('writes minor units as an exact decimal in the currency exponent', () => {
    expect(formatMinor(123456n, 'EUR')).toBe('1234.56');
    expect(formatMinor(5n, 'EUR')).toBe('0.05');
    expect(formatMinor(0n, 'GBP')).toBe('0.00');
    expect(formatMinor(100n, 'USD')).toBe('1.00');
  });

  it('keeps yen whole: JPY has no minor unit', () => {
    expect(formatMinor(1500n, 'JPY')).toBe('1500');
    expect(formatMinor(0n, 'JPY')).toBe('0');
  });

  it('signs negative amounts once, before the digits', () => {
    expect(formatMinor(-5n, 'EUR')).toBe('-0.05');
    expect(formatMinor(-120000n, 'CHF')).toBe('-1200.00');
    expect(formatMinor(-7n, 'JPY')).toBe('-7');
  });

  it('stays exact beyond what a double can hold', () => {
    expect(formatMinor(9_007_199_254_740_993n, 'EUR')).toBe('90071992547409.93');
  });
});

describe('displayMoney', () => {
  it('groups thousands and names the currency', () => {
    expect(displayMoney(123456789n, 'EUR')).toBe('1,234,567.89 EUR');
    expect(displayMoney(1234567n, 'JPY')).toBe('1,234,567 JPY');
    expect(displayMoney(-100000n, 'GBP')).toBe('-1,000.00 GBP');
    expect(displayMoney(99n, 'USD')).toBe('0.99 USD');
  });
});
