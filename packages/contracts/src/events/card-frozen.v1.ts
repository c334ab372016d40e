import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const CardFrozenV1 = defineEvent({
  type: 'CardFrozen',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: 'A card stopped accepting payments, by its holder or after a fraud alert.',
  payload: z.strictObject({
    cardId: z.uuid(),
    accountId: z.uuid(),
    reason: z.string().min(1).max(500),
    alertId: z.uuid().nullable(),
  }),
  example: {
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    reason: 'Frozen by the card holder',
    alertId: null,
  },
});
