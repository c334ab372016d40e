import { z } from 'zod';

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** GET /v1/accounts/:id/transactions: newest first, `cursor` is the previous page's nextCursor. */
export const listTransactionsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, 'a nextCursor from a previous page')
    // 19 digits can still overflow the bigint column
    .refine((cursor) => !/^\d+$/.test(cursor) || BigInt(cursor) <= MAX_BIGINT, {
      message: 'a nextCursor from a previous page',
      params: { rule: 'cursor' },
    })
    .optional(),
});
export type ListTransactionsQuery = z.infer<typeof listTransactionsQuerySchema>;
