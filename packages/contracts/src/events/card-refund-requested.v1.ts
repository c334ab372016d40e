import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { merchantSchema } from '../merchant';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const CardRefundRequestedV1 = defineEvent({
  type: 'CardRefundRequested',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: 'The merchant refunded part or all of a captured payment. The Account service credits the account.',
  payload: z.strictObject({
    authorizationId: z.uuid(),
    cardId: z.uuid(),
    accountId: z.uuid(),
    refundId: z.uuid(),
    amount: moneySchema,
    merchant: merchantSchema,
  }),
  example: {
    authorizationId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    refundId: '7f6e5d4c-3b2a-4f1e-8d9c-8b7a6f5e4d3c',
    amount: { amountMinor: '500', currency: 'EUR' },
    merchant: { name: 'Corner Books', categoryCode: '5942', country: 'FR' },
  },
});
