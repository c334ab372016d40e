import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const AccountFrozenV1 = defineEvent({
  type: 'AccountFrozen',
  version: 1,
  topic: Topics.accounts,
  key: 'accountId',
  description: 'An account stopped accepting debits, e.g. after a high-severity fraud alert. Credits still arrive.',
  payload: z.strictObject({
    accountId: z.uuid(),
    reason: z.string().min(1).max(500),
    alertId: z.uuid().nullable(),
  }),
  example: {
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    reason: 'High-severity fraud alert: 5 card payments abroad within 10 minutes',
    alertId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  },
});
