import { describe, expect, it } from 'vitest';
import { generateIban, ibanCheckDigits, isValidIban, normalizeIban } from './iban';

describe('IBANs', () => {
  it('computes the ISO 7064 mod-97 check digits of known IBANs', () => {
    expect(ibanCheckDigits('GB', 'WEST12345698765432')).toBe('82'); // GB82 WEST 1234 5698 7654 32
    expect(ibanCheckDigits('DE', '370400440532013000')).toBe('89'); // DE89 3704 0044 0532 0130 00
  });

  it('accepts valid IBANs and rejects a changed digit or a bad shape', () => {
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('GB82WEST12345698765433')).toBe(false);
    expect(isValidIban('GB82')).toBe(false);
    expect(isValidIban('gb82west12345698765432')).toBe(false);
  });

  it('normalizes spaces and case before checking', () => {
    expect(normalizeIban(' gb82 west 1234 5698 7654 32 ')).toBe('GB82WEST12345698765432');
  });

  it('issues GB + check digits + MBNK + 14 digits, always valid', () => {
    for (let i = 0; i < 200; i++) {
      const iban = generateIban();
      expect(iban).toMatch(/^GB\d{2}MBNK\d{14}$/);
      expect(isValidIban(iban)).toBe(true);
    }
    expect(generateIban(() => 12_345)).toBe(`GB${ibanCheckDigits('GB', 'MBNK00123450012345')}MBNK00123450012345`);
  });
});
