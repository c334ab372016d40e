import { pageCursorSchema } from '@microbank/http';
import { z } from 'zod';

/** GET /v1/audit/events: in chain order, `cursor` is the previous page's nextCursor. */
export const aggregateEventsQuerySchema = z.strictObject({
  aggregateId: z.string().min(1).max(200).describe('the account, card, user… the events are about (their Kafka key)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: pageCursorSchema.optional(),
});
export type AggregateEventsQuery = z.infer<typeof aggregateEventsQuerySchema>;
