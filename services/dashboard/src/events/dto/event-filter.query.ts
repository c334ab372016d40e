import { EVENT_CATALOG, TOPIC_SPECS } from '@microbank/contracts';
import { z } from 'zod';

export const FEED_TOPICS = TOPIC_SPECS.map((spec) => spec.name) as [string, ...string[]];
export const FEED_EVENT_TYPES = [...new Set(EVENT_CATALOG.map((definition) => definition.type))].sort() as [
  string,
  ...string[],
];

/** GET /api/events/stream: which events a browser follows. */
export const eventFilterQuerySchema = z.object({
  topic: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : []))
    .pipe(z.array(z.enum(FEED_TOPICS)))
    .describe('contract topic names, comma-separated; none: every topic'),
  type: z.enum(FEED_EVENT_TYPES).optional().describe('one event type'),
  q: z.string().max(200).optional().describe('part of an aggregate, correlation or event id, or of the key'),
});
export type EventFilterQuery = z.infer<typeof eventFilterQuerySchema>;
