import { CURRENCIES, type Currency } from '@microbank/contracts';
import { z } from 'zod';

export type CurrencyAmounts = Readonly<Record<Currency, bigint>>;

/**
 * A threshold per currency, in major units, as `EUR:5000,JPY:800000`: currencies left out keep their default.
 * Read once into minor units, so the rules compare bigints and never floats.
 */
export function currencyAmounts(defaults: Record<Currency, number>) {
  return z
    .string()
    .default('')
    .transform((text, context): CurrencyAmounts => {
      const major: Record<string, number> = { ...defaults };
      for (const entry of text.split(',').filter((part) => part.trim() !== '')) {
        const match = /^\s*([A-Z]{3})\s*:\s*(\d{1,12})\s*$/.exec(entry);
        if (!match || !Object.hasOwn(CURRENCIES, match[1]!)) {
          context.addIssue({ code: 'custom', message: `"${entry.trim()}" is not CURRENCY:whole-major-units` });
          return z.NEVER;
        }
        major[match[1]!] = Number(match[2]);
      }
      return Object.fromEntries(
        Object.entries(major).map(([currency, amount]) => [
          currency,
          BigInt(amount) * 10n ** BigInt(CURRENCIES[currency as Currency]),
        ]),
      ) as Record<Currency, bigint>;
    });
}
