import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const TRANSACTION_KINDS = [
  'deposit',
  'withdrawal',
  'transfer_debit',
  'transfer_credit',
  'card_payment',
] as const;

export const TransactionPostedV1 = defineEvent({
  type: 'TransactionPosted',
  version: 1,
  topic: Topics.transactions,
  key: 'accountId',
  description:
    'No longer published: the Account service publishes v2 since card payments (a v1 consumer moves to v2, ' +
    'which only adds `card` and the kind `card_refund`). Money moved on one account: one balanced ledger ' +
    'posting seen from that account. A transfer posts two events, a debit on the sender and a credit on the ' +
    'receiver, sharing the transactionId.',
  payload: z.strictObject({
    transactionId: z.uuid(),
    accountId: z.uuid(),
    userId: z.uuid(),
    kind: z.enum(TRANSACTION_KINDS),
    direction: z.enum(['credit', 'debit']),
    amount: moneySchema,
    balanceAfter: moneySchema,
    counterpartyIban: z.string().nullable(),
    reference: z.string().max(140).nullable(),
    postedAt: z.iso.datetime({ offset: true }),
  }),
  example: {
    transactionId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    userId: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
    kind: 'transfer_debit',
    direction: 'debit',
    amount: { amountMinor: '2500', currency: 'EUR' },
    balanceAfter: { amountMinor: '97500', currency: 'EUR' },
    counterpartyIban: 'DE89370400440532013000',
    reference: 'Rent, May',
    postedAt: '2026-05-01T09:30:00.000Z',
  },
});
