import { z } from 'zod';

/** The ISO 4217 currencies Microbank accounts can hold, with their minor-unit exponent. */
export const CURRENCIES = { EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCIES;

export const currencySchema = z.enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]]);

/**
 * Money on the wire: integer minor units as a decimal string (JSON numbers lose precision past 2^53),
 * with its ISO 4217 currency. "1050" EUR is €10.50.
 */
export const moneySchema = z.object({
  amountMinor: z.string().regex(/^(0|[1-9]\d{0,18})$/, 'a non-negative whole number of minor units, as a string'),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

export const money = (amountMinor: bigint, currency: Currency): Money => {
  if (amountMinor < 0n) throw new RangeError('money on the wire is never negative; the event says which way it moved');
  return { amountMinor: amountMinor.toString(), currency };
};
