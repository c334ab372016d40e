import { currencySchema } from '@microbank/contracts';
import { z } from 'zod';
import { monthSchema } from '../calendar/calendar';
import { SPENDING_CATEGORIES } from './merchant-categories';

/** Spending can be negative: a refund in a month after its payment. */
export const netAmountSchema = z.object({
  amountMinor: z
    .string()
    .regex(/^-?(0|[1-9]\d*)$/)
    .describe('payments minus refunds in minor units; negative when refunds exceed them'),
  currency: currencySchema,
});

export const spendingViewSchema = z.object({
  accountId: z.uuid(),
  currency: currencySchema,
  from: monthSchema,
  to: monthSchema,
  months: z.array(
    z.object({
      month: monthSchema,
      total: netAmountSchema,
      categories: z.array(
        z.object({
          category: z.enum(SPENDING_CATEGORIES),
          net: netAmountSchema,
          payments: z.int(),
          refunds: z.int(),
        }),
      ),
    }),
  ),
});
export type SpendingView = z.infer<typeof spendingViewSchema>;
