import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const CardPaymentSettledV1 = defineEvent({
  type: 'CardPaymentSettled',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: 'The account was debited for a card payment; transactionId names the ledger posting.',
  payload: z.strictObject({
    paymentId: z.uuid(),
    cardId: z.uuid(),
    accountId: z.uuid(),
    transactionId: z.uuid(),
    amount: moneySchema,
  }),
  example: {
    paymentId: '1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    transactionId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    amount: { amountMinor: '1299', currency: 'EUR' },
  },
});
