import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { currencySchema } from '../money';
import { Topics } from '../topics';

export const AccountOpenedV1 = defineEvent({
  type: 'AccountOpened',
  version: 1,
  topic: Topics.accounts,
  key: 'accountId',
  description: 'An account was opened for a customer: their current account after signup, or a savings account.',
  payload: z.strictObject({
    accountId: z.uuid(),
    userId: z.uuid(),
    iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'an IBAN without spaces'),
    currency: currencySchema,
    kind: z.enum(['current', 'savings']),
  }),
  example: {
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    userId: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
    iban: 'GB33MBNK00000012345678',
    currency: 'EUR',
    kind: 'current',
  },
});
