import { z } from 'zod';
import { plainText } from './plain-text';

/** Where a card was used, as the card network reports it. */
export const merchantSchema = z.strictObject({
  name: plainText(100),
  // ISO 18245 merchant category code
  categoryCode: z.string().regex(/^\d{4}$/),
  // ISO 3166-1 alpha-2
  country: z.string().regex(/^[A-Z]{2}$/),
});

export type Merchant = z.infer<typeof merchantSchema>;

/**
 * Why an authorization was declined, and the ISO 8583 response code the card network gets for it.
 * `fraud_suspected` is a card frozen after a fraud alert; `card_restricted` one frozen by its holder or cancelled.
 */
export const DECLINE_CODES = {
  insufficient_funds: '51',
  card_expired: '54',
  card_restricted: '62',
  over_limit: '61',
  fraud_suspected: '59',
  do_not_honour: '05',
} as const;

export type DeclineReason = keyof typeof DECLINE_CODES;
export type DeclineCode = (typeof DECLINE_CODES)[DeclineReason];

export const declineReasonSchema = z.enum(Object.keys(DECLINE_CODES) as [DeclineReason, ...DeclineReason[]]);
