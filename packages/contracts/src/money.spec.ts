import { describe, expect, it } from 'vitest';
import { money, moneySchema } from './money';

describe('money on the wire', () => {
  it('carries minor units as an exact string, beyond what a JSON number can hold', () => {
    const big = 9_007_199_254_740_993n; // 2^53 + 1

    expect(money(big, 'EUR')).toEqual({ amountMinor: '9007199254740993', currency: 'EUR' });
    expect(BigInt(moneySchema.parse(money(big, 'EUR')).amountMinor)).toBe(big);
  });

  it.each([['10.50'], ['-5'], ['1e3'], ['007'], [''], ['12345678901234567890']])(
    'rejects the amount %j',
    (amountMinor) => {
      expect(moneySchema.safeParse({ amountMinor, currency: 'EUR' }).success).toBe(false);
    },
  );

  it('rejects a currency Microbank does not hold and a lower-case code', () => {
    expect(moneySchema.safeParse({ amountMinor: '100', currency: 'XYZ' }).success).toBe(false);
    expect(moneySchema.safeParse({ amountMinor: '100', currency: 'eur' }).success).toBe(false);
  });

  it('refuses negative amounts: direction is part of the event, not the sign', () => {
    expect(() => money(-1n, 'EUR')).toThrow(RangeError);
  });
});
