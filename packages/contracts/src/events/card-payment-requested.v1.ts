import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const merchantSchema = z.strictObject({
  name: z.string().min(1).max(100),
  // ISO 18245 merchant category code
  categoryCode: z.string().regex(/^\d{4}$/),
  country: z.string().regex(/^[A-Z]{2}$/),
});

export const CardPaymentRequestedV1 = defineEvent({
  type: 'CardPaymentRequested',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: 'A merchant asked to charge a card. The Account service debits the account, or declines.',
  payload: z.strictObject({
    paymentId: z.uuid(),
    cardId: z.uuid(),
    accountId: z.uuid(),
    amount: moneySchema,
    merchant: merchantSchema,
  }),
  example: {
    paymentId: '1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    amount: { amountMinor: '1299', currency: 'EUR' },
    merchant: { name: 'Corner Books', categoryCode: '5942', country: 'FR' },
  },
});
