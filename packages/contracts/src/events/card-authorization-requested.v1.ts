import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { merchantSchema } from '../merchant';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const CardAuthorizationRequestedV1 = defineEvent({
  type: 'CardAuthorizationRequested',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description:
    'A card network asked to authorize a payment and the card passed its checks (CVC, expiry, status, limits). The Account service places a hold on the account for it, or declines.',
  payload: z.strictObject({
    authorizationId: z.uuid(),
    cardId: z.uuid(),
    accountId: z.uuid(),
    amount: moneySchema,
    merchant: merchantSchema,
    // when the hold is released unless captured first
    expiresAt: z.iso.datetime({ offset: true }),
  }),
  example: {
    authorizationId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    amount: { amountMinor: '1299', currency: 'EUR' },
    merchant: { name: 'Corner Books', categoryCode: '5942', country: 'FR' },
    expiresAt: '2026-12-04T10:15:00.000Z',
  },
});
