/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />

const MINOR_DIGITS: Record<string, number> = { JPY: 0 };

/** Minor units as the currency writes them: "GBP 9,000.00". */
export function money(amount: { amountMinor: string; currency: string } | null): string {
  if (!amount) return '';
  const digits = MINOR_DIGITS[amount.currency] ?? 2;
  const minor = BigInt(amount.amountMinor);
  const scale = 10n ** BigInt(digits);
  const whole = (minor / scale).toLocaleString('en-GB');
  const fraction = digits ? `.${(minor % scale).toString().padStart(digits, '0')}` : '';
  return `${amount.currency} ${whole}${fraction}`;
}

export function clock(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString('en-GB', { hour12: false }) : '';
}

/** The start of an id: enough to tell ids apart on screen, the whole one in the title. */
export function shortId(id: string | null): string {
  return id ? id.slice(0, 8) : '–';
}
