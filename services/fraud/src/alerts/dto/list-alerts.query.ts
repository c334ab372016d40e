import { ALERT_SEVERITIES, FRAUD_RULES } from '@microbank/contracts';
import { pageCursorSchema } from '@microbank/http';
import { z } from 'zod';

/** GET /v1/alerts: newest first, `cursor` is the previous page's nextCursor. */
export const listAlertsQuerySchema = z.strictObject({
  status: z.enum(['open', 'confirmed_fraud', 'false_positive']).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  rule: z.enum(FRAUD_RULES).optional(),
  userId: z.uuid().optional().describe("one customer's alerts (analysts only; a customer always sees their own)"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: pageCursorSchema.optional(),
});
export type ListAlertsQuery = z.infer<typeof listAlertsQuerySchema>;
