import { pageCursorSchema } from '@microbank/http';
import { z } from 'zod';

/** GET /v1/accounts/:id/transactions: newest first, `cursor` is the previous page's nextCursor. */
export const listTransactionsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: pageCursorSchema.optional(),
});
export type ListTransactionsQuery = z.infer<typeof listTransactionsQuerySchema>;
