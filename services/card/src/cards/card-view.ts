import { currencySchema, money, moneySchema } from '@microbank/contracts';
import { z } from 'zod';
import type { Card } from '../generated/prisma/client';

/** A card as the API shows it, ever after it was issued: masked. */
export const cardViewSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  userId: z.uuid(),
  maskedPan: z.string().describe('the last four digits, the rest masked: "•••• •••• •••• 4242"'),
  last4: z.string(),
  expiresOn: z.string().describe('YYYY-MM: valid through the end of that month'),
  currency: currencySchema,
  status: z.enum(['active', 'frozen', 'cancelled']),
  limits: z.object({ perAuthorization: moneySchema, perDay: moneySchema }),
  issuedAt: z.iso.datetime(),
});
export type CardView = z.infer<typeof cardViewSchema>;

/** The one response that shows the full card number and CVC: the answer to issuing the card. */
export const issuedCardViewSchema = cardViewSchema.extend({
  pan: z.string().describe('the full card number: shown once, never stored'),
  cvc: z.string().describe('shown once, never stored'),
  expiry: z.string().describe('MM/YY, as printed on a card'),
});
export type IssuedCardView = z.infer<typeof issuedCardViewSchema>;

export function toCardView(card: Card): CardView {
  return {
    id: card.id,
    accountId: card.accountId,
    userId: card.userId,
    maskedPan: `•••• •••• •••• ${card.last4}`,
    last4: card.last4,
    expiresOn: card.expiresOn,
    currency: card.currency,
    status: card.status,
    limits: {
      perAuthorization: money(card.limitPerAuthorizationMinor, card.currency),
      perDay: money(card.limitPerDayMinor, card.currency),
    },
    issuedAt: card.createdAt.toISOString(),
  };
}
