import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const CardIssuedV1 = defineEvent({
  type: 'CardIssued',
  version: 1,
  topic: Topics.cards,
  key: 'cardId',
  description: 'A virtual card was issued on an account. Only the last four digits ever leave the Card service.',
  payload: z.strictObject({
    cardId: z.uuid(),
    accountId: z.uuid(),
    userId: z.uuid(),
    last4: z.string().regex(/^\d{4}$/),
    expiresOn: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  }),
  example: {
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    userId: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
    last4: '4242',
    expiresOn: '2029-11',
  },
});
