import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { declineReasonSchema, merchantSchema } from '../merchant';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const CardAuthorizationDeclinedV1 = defineEvent({
  type: 'CardAuthorizationDeclined',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description:
    "An authorization was declined, by the card's own checks or because the account could not hold the amount. Nothing is held.",
  payload: z.strictObject({
    authorizationId: z.uuid(),
    cardId: z.uuid(),
    accountId: z.uuid(),
    amount: moneySchema,
    merchant: merchantSchema,
    reason: declineReasonSchema,
    // the ISO 8583 response code the network received
    responseCode: z.string().regex(/^\d{2}$/),
  }),
  example: {
    authorizationId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    amount: { amountMinor: '1299', currency: 'EUR' },
    merchant: { name: 'Corner Books', categoryCode: '5942', country: 'FR' },
    reason: 'insufficient_funds',
    responseCode: '51',
  },
});
