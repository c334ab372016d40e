import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const CardPaymentDeclinedV1 = defineEvent({
  type: 'CardPaymentDeclined',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: 'A card payment was refused; nothing was debited.',
  payload: z.strictObject({
    paymentId: z.uuid(),
    cardId: z.uuid(),
    accountId: z.uuid(),
    amount: moneySchema,
    reason: z.enum(['insufficient_funds', 'account_frozen', 'card_frozen', 'currency_mismatch', 'card_expired']),
  }),
  example: {
    paymentId: '1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    amount: { amountMinor: '1299', currency: 'EUR' },
    reason: 'insufficient_funds',
  },
});
