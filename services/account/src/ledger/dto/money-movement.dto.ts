import { currencySchema } from '@microbank/contracts';
import { z } from 'zod';

// amountMinor is only shaped here; parseAmountMinor names the rule it breaks (positive, integer, max_amount)
const amountMinor = z.string().max(40);
const reference = z.string().trim().min(1).max(140).optional();

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
