import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const AccountUnfrozenV1 = defineEvent({
  type: 'AccountUnfrozen',
  version: 1,
  topic: Topics.accounts,
  key: 'accountId',
  description: 'A frozen account accepts debits again, e.g. after its fraud alert was resolved as a false positive.',
  payload: z.strictObject({
    accountId: z.uuid(),
    reason: z.string().min(1).max(500),
    alertId: z.uuid().nullable(),
  }),
  example: {
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    reason: 'Fraud alert resolved as a false positive',
    alertId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  },
});
