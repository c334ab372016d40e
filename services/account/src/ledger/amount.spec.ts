import { describe, expect, it } from 'vitest';
import { parseAmountMinor, transactionLimitMinor } from './amount';

const ruleOf = (input: string, currency: 'EUR' | 'JPY' = 'EUR') => {
  const result = parseAmountMinor(input, currency);
  return result.ok ? 'ok' : result.error.rule;
};

describe('reading an amount in minor units', () => {
  it('accepts a positive whole number as a bigint', () => {
    expect(parseAmountMinor('1050', 'EUR')).toEqual({ ok: true, amountMinor: 1050n });
    expect(parseAmountMinor('1', 'EUR')).toEqual({ ok: true, amountMinor: 1n });
  });

  it('refuses zero and negative amounts as not positive', () => {
    expect(ruleOf('0')).toBe('positive');
    expect(ruleOf('000')).toBe('positive');
    expect(ruleOf('-5')).toBe('positive');
  });

  it('refuses fractions of a minor unit', () => {
    expect(ruleOf('10.5')).toBe('integer');
  });

  it('refuses anything that is not digits', () => {
    expect(ruleOf('1e3')).toBe('format');
    expect(ruleOf('')).toBe('format');
    expect(ruleOf('ten')).toBe('format');
    expect(ruleOf('012')).toBe('format');
  });

  it('caps one transaction at 1,000,000 major units of its currency', () => {
    expect(transactionLimitMinor('EUR')).toBe(100_000_000n);
    expect(transactionLimitMinor('JPY')).toBe(1_000_000n);
    expect(ruleOf('100000000')).toBe('ok');
    expect(ruleOf('100000001')).toBe('max_amount');
    expect(ruleOf('1000001', 'JPY')).toBe('max_amount');
    expect(ruleOf('99999999999999999999999')).toBe('max_amount');
  });

  it('names the field it read', () => {
    expect(parseAmountMinor('0', 'EUR', 'amount.amountMinor')).toMatchObject({
      ok: false,
      error: { field: 'amount.amountMinor', rule: 'positive' },
    });
  });
});
