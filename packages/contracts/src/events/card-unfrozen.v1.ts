import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const CardUnfrozenV1 = defineEvent({
  type: 'CardUnfrozen',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: 'A frozen card accepts payments again, by its holder or after its fraud alert was resolved.',
  payload: z.strictObject({
    cardId: z.uuid(),
    accountId: z.uuid(),
    reason: z.string().min(1).max(500),
    alertId: z.uuid().nullable(),
  }),
  example: {
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    reason: 'Unfrozen by the card holder',
    alertId: null,
  },
});
