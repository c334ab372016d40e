import { z } from 'zod';

const minorUnits = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'a positive whole number of minor units, as a string')
  .transform((value) => BigInt(value));

/** PUT /v1/cards/:id/limits: in minor units of the card's currency, within the bank's maximums. */
export const cardLimitsSchema = z.strictObject({
  perAuthorizationMinor: minorUnits,
  perDayMinor: minorUnits,
});
export type CardLimitsDto = z.infer<typeof cardLimitsSchema>;
