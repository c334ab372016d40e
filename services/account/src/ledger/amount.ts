import { CURRENCIES, type Currency } from '@microbank/contracts';
import type { FieldError } from '@microbank/domain';

// no single deposit, withdrawal or transfer moves more than 1,000,000.00 (1,000,000 yen for JPY)
export const MAX_TRANSACTION_MAJOR_UNITS = 1_000_000n;

export function transactionLimitMinor(currency: Currency): bigint {
  return MAX_TRANSACTION_MAJOR_UNITS * 10n ** BigInt(CURRENCIES[currency]);
}

export type AmountResult = { ok: true; amountMinor: bigint } | { ok: false; error: FieldError };

/** Reads a request's `amountMinor` string: a positive whole number of minor units within the per-transaction limit. */
export function parseAmountMinor(input: string, currency: Currency, field = 'amountMinor'): AmountResult {
  const fail = (rule: string, message: string): AmountResult => ({ ok: false, error: { field, rule, message } });
  const text = input.trim();
  if (/^-\d+(\.\d+)?$/.test(text)) return fail('positive', 'must be greater than zero');
  if (/^\d+\.\d*$/.test(text)) return fail('integer', 'must be a whole number of minor units (e.g. "1050" for 10.50)');
  if (!/^\d+$/.test(text)) return fail('format', 'must be a string of digits (minor units, e.g. "1050")');
  if (/^0+$/.test(text)) return fail('positive', 'must be greater than zero');
  if (text.startsWith('0')) return fail('format', 'must not have leading zeros');
  const amountMinor = BigInt(text);
  const limit = transactionLimitMinor(currency);
  if (amountMinor > limit)
    return fail('max_amount', `must not exceed ${limit} minor units of ${currency} per transaction`);
  return { ok: true, amountMinor };
}
