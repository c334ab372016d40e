import { describe, expect, it } from 'vitest';
import { isLuhnValid, luhnCheckDigit } from './luhn';

describe('Luhn', () => {
  it('accepts well-known valid numbers', () => {
    for (const pan of ['4242424242424242', '4000056655665556', '5555555555554444', '79927398713']) {
      expect(isLuhnValid(pan)).toBe(true);
    }
  });

  it('refuses a number with one digit changed or two neighbours swapped', () => {
    expect(isLuhnValid('4242424242424241')).toBe(false);
    expect(isLuhnValid('2442424242424242')).toBe(false);
    expect(isLuhnValid('42424242424242a2')).toBe(false);
  });

  it('computes the check digit that completes a number', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('424242424242424')).toBe(2);
  });
});
