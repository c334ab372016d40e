import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const UserSignedUpV1 = defineEvent({
  type: 'UserSignedUp',
  version: 1,
  topic: Topics.signups,
  key: 'userId',
  description: 'A customer signed up. The Account service opens their current account in response.',
  payload: z.strictObject({
    userId: z.uuid(),
    email: z.email(),
    fullName: z.string().min(1).max(200),
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code'),
  }),
  example: {
    userId: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
    email: 'ada@example.com',
    fullName: 'Ada Lovelace',
    country: 'GB',
  },
});
