import { TRANSACTION_KINDS_V2, alertSeveritySchema, currencySchema, moneySchema } from '@microbank/contracts';
import { z } from 'zod';

export const dailyReportViewSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  days: z.array(
    z.object({
      day: z.iso.date().describe('a UTC day'),
      postings: z.array(
        z.object({
          currency: currencySchema,
          kind: z.enum(TRANSACTION_KINDS_V2),
          direction: z.enum(['credit', 'debit']),
          count: z.int(),
          amount: moneySchema.describe('the sum of the postings'),
        }),
      ),
      alerts: z.array(
        z.object({
          rule: z.string().describe('the fraud rule that raised them'),
          severity: alertSeveritySchema,
          count: z.int(),
        }),
      ),
    }),
  ),
});
export type DailyReportView = z.infer<typeof dailyReportViewSchema>;
