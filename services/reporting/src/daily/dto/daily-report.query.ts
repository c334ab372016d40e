import { z } from 'zod';
import { dayStart, daySchema } from '../../calendar/calendar';

export const MAX_REPORT_DAYS = 92;

/** GET /v1/reports/daily: a range of UTC days, both ends included, at most a quarter. */
export const dailyReportQuerySchema = z
  .strictObject({ from: daySchema, to: daySchema })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is not before from', params: { rule: 'range' } })
  .refine((q) => q.from > q.to || spanInDays(q.from, q.to) <= MAX_REPORT_DAYS, {
    path: ['to'],
    message: `at most ${MAX_REPORT_DAYS} days`,
    params: { rule: 'max_range' },
  });
export type DailyReportQuery = z.infer<typeof dailyReportQuerySchema>;

function spanInDays(from: string, to: string): number {
  return (dayStart(to).getTime() - dayStart(from).getTime()) / 86_400_000 + 1;
}
