import { randomInt } from 'node:crypto';

// Microbank is licensed in the UK: every IBAN it issues carries the bank's country and bank code, like real ones
export const BANK_COUNTRY = 'GB';
export const BANK_CODE = 'MBNK';

/** ISO 7064 MOD 97-10 over an IBAN rearranged as BBAN + country + check digits, letters as 10..35. */
function mod97(rearranged: string): number {
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** The two check digits that make `country + digits + bban` a valid IBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
}

/** Spaces removed, upper case: the form IBANs are stored and compared in. */
export function normalizeIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** True when `iban` (normalized) has the IBAN shape and its check digits hold. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  return mod97(`${iban.slice(4)}${iban.slice(0, 4)}`) === 1;
}

/** A new account number: GB + check digits + MBNK + 14 random digits (uniqueness is the database's job). */
export function generateIban(random: () => number = () => randomInt(0, 10_000_000)): string {
  const number = `${String(random()).padStart(7, '0')}${String(random()).padStart(7, '0')}`;
  const bban = `${BANK_CODE}${number}`;
  return `${BANK_COUNTRY}${ibanCheckDigits(BANK_COUNTRY, bban)}${bban}`;
}
