import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const CardCancelledV1 = defineEvent({
  type: 'CardCancelled',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: 'A card was cancelled for good: it declines every payment and cannot be unfrozen.',
  payload: z.strictObject({
    cardId: z.uuid(),
    accountId: z.uuid(),
    reason: z.string().min(1).max(500),
  }),
  example: {
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    reason: 'Cancelled by the card holder',
  },
});
