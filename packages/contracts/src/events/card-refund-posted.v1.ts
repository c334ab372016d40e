import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const CardRefundPostedV1 = defineEvent({
  type: 'CardRefundPosted',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: 'A card refund was credited to the account (transactionId).',
  payload: z.strictObject({
    authorizationId: z.uuid(),
    cardId: z.uuid(),
    accountId: z.uuid(),
    refundId: z.uuid(),
    transactionId: z.uuid(),
    amount: moneySchema,
  }),
  example: {
    authorizationId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    refundId: '7f6e5d4c-3b2a-4f1e-8d9c-8b7a6f5e4d3c',
    transactionId: '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e',
    amount: { amountMinor: '500', currency: 'EUR' },
  },
});
