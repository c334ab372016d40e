import { currencySchema, plainText } from '@microbank/contracts';
import { z } from 'zod';

// amountMinor is only shaped here; parseAmountMinor names the rule it breaks (positive, integer, max_amount),
// so its pattern is documented rather than enforced
const amountMinor = z.string().max(40).meta({
  pattern: '^[1-9][0-9]{0,18}$',
  description: 'a positive whole number of minor units, as a string: "1050" EUR is 10.50',
  example: '1050',
});
const reference = plainText(140).optional();

/** POST /v1/accounts/:id/deposits and /withdrawals. */
export const moneyMovementSchema = z.strictObject({ amountMinor, currency: currencySchema, reference });
export type MoneyMovementDto = z.infer<typeof moneyMovementSchema>;

/** POST /v1/transfers: from one of the caller's accounts to any Microbank IBAN, same currency. */
export const transferSchema = z.strictObject({
  fromAccountId: z.string().min(1).max(100),
  toIban: z.string().min(1).max(50),
  amountMinor,
  currency: currencySchema,
  reference,
});
export type TransferDto = z.infer<typeof transferSchema>;
