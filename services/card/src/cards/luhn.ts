/** The Luhn (mod 10) check digit that makes `digits` + it a valid number. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // from the right, every second digit of the final number is doubled: here, starting with the last given one
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `number` is the Luhn check digit of the others. */
export function isLuhnValid(number: string): boolean {
  if (!/^\d{2,19}$/.test(number)) return false;
  return luhnCheckDigit(number.slice(0, -1)) === Number(number.at(-1));
}
