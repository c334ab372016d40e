import { z } from 'zod';

/** GET /v1/cards: analysts may narrow the list to one customer. */
export const listCardsQuerySchema = z.strictObject({ userId: z.uuid().optional() });
export type ListCardsQuery = z.infer<typeof listCardsQuerySchema>;
