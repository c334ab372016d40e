import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const FraudAlertRaisedV1 = defineEvent({
  type: 'FraudAlertRaised',
  version: 1,
  topic: Topics.alerts,
  key: 'accountId',
  description: 'A fraud rule matched the transaction stream. High severity freezes the account.',
  payload: z.strictObject({
    alertId: z.uuid(),
    accountId: z.uuid(),
    userId: z.uuid(),
    rule: z.string().regex(/^[a-z][a-z0-9-]+$/),
    severity: z.enum(['low', 'medium', 'high']),
    description: z.string().min(1).max(500),
    transactionIds: z.array(z.uuid()).min(1),
    amount: moneySchema.nullable(),
  }),
  example: {
    alertId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    userId: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
    rule: 'large-withdrawal',
    severity: 'high',
    description: 'Withdrawal of 9,000.00 EUR is above the 5,000.00 EUR single-transaction limit',
    transactionIds: ['9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'],
    amount: { amountMinor: '900000', currency: 'EUR' },
  },
});
