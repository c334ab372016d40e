import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const CardHoldCapturedV1 = defineEvent({
  type: 'CardHoldCaptured',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description:
    'A capture was posted to the ledger (transactionId): the captured amount left the account and the rest of the hold was released.',
  payload: z.strictObject({
    authorizationId: z.uuid(),
    cardId: z.uuid(),
    accountId: z.uuid(),
    captureId: z.uuid(),
    transactionId: z.uuid(),
    amount: moneySchema,
    released: moneySchema,
  }),
  example: {
    authorizationId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    captureId: '6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b',
    transactionId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    amount: { amountMinor: '1099', currency: 'EUR' },
    released: { amountMinor: '200', currency: 'EUR' },
  },
});
