import { currencySchema, merchantSchema } from '@microbank/contracts';
import { z } from 'zod';
import { minorUnits } from '../../cards/dto/minor-units';

/** POST /v1/card-authorizations: what a card network sends when a card is used at a merchant. */
export const authorizeSchema = z.strictObject({
  pan: z.string().regex(/^\d{12,19}$/, 'the card number, digits only'),
  expiry: z.string().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, 'MM/YY, as printed on the card'),
  cvc: z.string().regex(/^\d{3}$/, 'three digits'),
  amountMinor: minorUnits,
  currency: currencySchema,
  merchant: merchantSchema,
});
export type AuthorizeDto = z.infer<typeof authorizeSchema>;
