import { ALERT_RESOLUTIONS, plainText } from '@microbank/contracts';
import { z } from 'zod';

/** POST /v1/alerts/:id/resolve */
export const resolveAlertSchema = z.strictObject({
  resolution: z
    .enum(ALERT_RESOLUTIONS)
    .describe('confirmed_fraud keeps any freeze the alert caused; false_positive lifts it'),
  note: plainText(500).optional().describe('why, for the next analyst'),
});
export type ResolveAlertDto = z.infer<typeof resolveAlertSchema>;
