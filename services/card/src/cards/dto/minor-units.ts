import { z } from 'zod';

/** A positive whole number of minor units of the card's currency, as a string ("1050" EUR is 10.50). */
export const minorUnits = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'a positive whole number of minor units, as a string')
  .transform((value) => BigInt(value));
