import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const CardLimitsChangedV1 = defineEvent({
  type: 'CardLimitsChanged',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: "A card's spending limits changed: the most one authorization may take, and the most per day (UTC).",
  payload: z.strictObject({
    cardId: z.uuid(),
    accountId: z.uuid(),
    perAuthorization: moneySchema,
    perDay: moneySchema,
  }),
  example: {
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    perAuthorization: { amountMinor: '50000', currency: 'EUR' },
    perDay: { amountMinor: '150000', currency: 'EUR' },
  },
});
