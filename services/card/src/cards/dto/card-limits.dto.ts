import { z } from 'zod';
import { minorUnits } from './minor-units';

/** PUT /v1/cards/:id/limits: in minor units of the card's currency, within the bank's maximums. */
export const cardLimitsSchema = z.strictObject({
  perAuthorizationMinor: minorUnits,
  perDayMinor: minorUnits,
});
export type CardLimitsDto = z.infer<typeof cardLimitsSchema>;
