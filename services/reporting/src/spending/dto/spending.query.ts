import { z } from 'zod';
import { monthSchema, monthsBetween } from '../../calendar/calendar';

export const MAX_SPENDING_MONTHS = 24;

/** GET /v1/accounts/:id/spending: a range of UTC months, both ends included, at most two years. */
export const spendingQuerySchema = z
  .strictObject({ from: monthSchema, to: monthSchema })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is not before from', params: { rule: 'range' } })
  .refine((q) => q.from > q.to || monthsBetween(q.from, q.to).length <= MAX_SPENDING_MONTHS, {
    path: ['to'],
    message: `at most ${MAX_SPENDING_MONTHS} months`,
    params: { rule: 'max_range' },
  });
export type SpendingQuery = z.infer<typeof spendingQuerySchema>;
