import { z } from 'zod';

/** GET /v1/accounts/:id/transactions: newest first, `cursor` is the previous page's nextCursor. */
export const listTransactionsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, 'a nextCursor from a previous page')
    .optional(),
});
export type ListTransactionsQuery = z.infer<typeof listTransactionsQuerySchema>;
