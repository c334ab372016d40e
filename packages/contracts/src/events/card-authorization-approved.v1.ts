import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { merchantSchema } from '../merchant';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const CardAuthorizationApprovedV1 = defineEvent({
  type: 'CardAuthorizationApproved',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description:
    'The account held the amount: the authorization is approved and waits for its capture, reversal or expiry.',
  payload: z.strictObject({
    authorizationId: z.uuid(),
    cardId: z.uuid(),
    accountId: z.uuid(),
    amount: moneySchema,
    merchant: merchantSchema,
    // what the card network shows the merchant
    approvalCode: z.string().regex(/^[A-Z0-9]{6}$/),
  }),
  example: {
    authorizationId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    amount: { amountMinor: '1299', currency: 'EUR' },
    merchant: { name: 'Corner Books', categoryCode: '5942', country: 'FR' },
    approvalCode: 'A1B2C3',
  },
});
