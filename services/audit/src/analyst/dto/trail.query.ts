import { z } from 'zod';

/** GET /v1/audit/trail */
export const trailQuerySchema = z.strictObject({
  correlationId: z.string().min(1).max(200).describe('the request or event chain to follow across the services'),
});
export type TrailQuery = z.infer<typeof trailQuerySchema>;
