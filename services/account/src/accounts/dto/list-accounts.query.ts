import { z } from 'zod';

/** GET /v1/accounts: analysts may narrow the list to one customer. */
export const listAccountsQuerySchema = z.strictObject({ userId: z.uuid().optional() });
export type ListAccountsQuery = z.infer<typeof listAccountsQuerySchema>;
