import { CURRENCIES, type Currency } from '@microbank/contracts';

/** 50 at the threshold, rising towards 100 as the observed value grows past it (never below 1). */
export function scoreOf(observed: number, threshold: number): number {
  if (threshold <= 0) return 100;
  return Math.max(1, Math.min(100, Math.round(100 - 50 * (threshold / Math.max(observed, threshold)))));
}

/** `1234567` EUR → "12,345.67 EUR": for descriptions a person reads. */
export function formatMoney(amountMinor: bigint, currency: Currency): string {
  const exponent = CURRENCIES[currency];
  const unit = 10n ** BigInt(exponent);
  const whole = (amountMinor / unit).toLocaleString('en-GB');
  const fraction = exponent === 0 ? '' : `.${(amountMinor % unit).toString().padStart(exponent, '0')}`;
  return `${whole}${fraction} ${currency}`;
}
