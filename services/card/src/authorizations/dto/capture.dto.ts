import { currencySchema } from '@microbank/contracts';
import { z } from 'zod';
import { minorUnits } from '../../cards/dto/minor-units';

/** POST /v1/card-authorizations/:id/captures: all of the authorized amount, or less (the rest is released). */
export const captureSchema = z.strictObject({
  amountMinor: minorUnits.optional().describe('defaults to the authorized amount'),
  currency: currencySchema,
});
export type CaptureDto = z.infer<typeof captureSchema>;

/** POST /v1/card-authorizations/:id/refunds: part or all of what was captured and not refunded yet. */
export const refundSchema = z.strictObject({
  amountMinor: minorUnits,
  currency: currencySchema,
});
export type RefundDto = z.infer<typeof refundSchema>;
