import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { alertResolutionSchema } from '../fraud';
import { Topics } from '../topics';

export const FraudAlertResolvedV1 = defineEvent({
  type: 'FraudAlertResolved',
  version: 1,
  topic: Topics.alerts,
  key: 'accountId',
  description:
    'An analyst closed a fraud alert. A `false_positive` lifts the freeze this alert put on its card and account: ' +
    'each is unfrozen once no other open alert holds it (and, for a card, its holder did not freeze it too); ' +
    '`confirmed_fraud` leaves them frozen.',
  payload: z.strictObject({
    alertId: z.uuid(),
    accountId: z.uuid(),
    cardId: z.uuid().nullable(),
    resolution: alertResolutionSchema,
    resolvedBy: z.uuid(),
    note: z.string().max(500).nullable(),
  }),
  example: {
    alertId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    resolution: 'false_positive',
    resolvedBy: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
    note: 'The customer confirmed both payments: a booking made from abroad',
  },
});
