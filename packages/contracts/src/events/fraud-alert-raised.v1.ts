import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { alertSeveritySchema, fraudRuleSchema } from '../fraud';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const FraudAlertRaisedV1 = defineEvent({
  type: 'FraudAlertRaised',
  version: 1,
  topic: Topics.alerts,
  key: 'accountId',
  description:
    'A fraud rule matched the event stream. `evidence` lists the ids of the events that made it match. When ' +
    '`freezeCard` or `freezeAccount` is set, the Card or Account service freezes that card or account (and says so ' +
    'with CardFrozen / AccountFrozen naming this alert) until an analyst resolves it as a false positive.',
  payload: z.strictObject({
    alertId: z.uuid(),
    rule: fraudRuleSchema,
    severity: alertSeveritySchema,
    // how sure the rule is, 1 (barely over its threshold) to 100
    score: z.int().min(1).max(100),
    description: z.string().min(1).max(500),
    userId: z.uuid(),
    accountId: z.uuid(),
    cardId: z.uuid().nullable(),
    evidence: z.array(z.uuid()).min(1).max(100),
    amount: moneySchema.nullable(),
    freezeCard: z.boolean(),
    freezeAccount: z.boolean(),
  }),
  example: {
    alertId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    rule: 'impossible-travel',
    severity: 'high',
    score: 92,
    description: 'Card used in FR then in JP 14 minutes later: 9,700 km at 41,600 km/h (limit 1,000 km/h)',
    userId: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
    evidence: ['9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e'],
    amount: { amountMinor: '4999', currency: 'EUR' },
    freezeCard: true,
    freezeAccount: false,
  },
});
