import { currencySchema } from '@microbank/contracts';
import { z } from 'zod';

/** POST /v1/accounts: a savings account in one currency. */
export const openAccountSchema = z.strictObject({ currency: currencySchema });
export type OpenAccountDto = z.infer<typeof openAccountSchema>;
