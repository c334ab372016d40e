import { z } from 'zod';

/** POST /v1/cards: a virtual debit card on one of the caller's accounts. */
export const issueCardSchema = z.strictObject({ accountId: z.uuid() });
export type IssueCardDto = z.infer<typeof issueCardSchema>;
