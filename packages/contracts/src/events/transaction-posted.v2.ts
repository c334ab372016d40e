import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { merchantSchema } from '../merchant';
import { moneySchema } from '../money';
import { Topics } from '../topics';

export const TRANSACTION_KINDS_V2 = [
  'deposit',
  'withdrawal',
  'transfer_debit',
  'transfer_credit',
  'card_payment',
  'card_refund',
] as const;

/** v2: card payments and refunds name the card, the authorization and the merchant (a v1 consumer would reject `card`). */
export const TransactionPostedV2 = defineEvent({
  type: 'TransactionPosted',
  version: 2,
  topic: Topics.transactions,
  key: 'accountId',
  description:
    'Money moved on one account: one balanced ledger posting seen from that account. A transfer posts two ' +
    'events, a debit on the sender and a credit on the receiver, sharing the transactionId. A card payment or ' +
    'refund names the card, its authorization and the merchant in `card`; other postings have `card: null`.',
  payload: z.strictObject({
    transactionId: z.uuid(),
    accountId: z.uuid(),
    userId: z.uuid(),
    kind: z.enum(TRANSACTION_KINDS_V2),
    direction: z.enum(['credit', 'debit']),
    amount: moneySchema,
    balanceAfter: moneySchema,
    counterpartyIban: z.string().nullable(),
    reference: z.string().max(140).nullable(),
    card: z
      .strictObject({
        cardId: z.uuid(),
        authorizationId: z.uuid(),
        merchant: merchantSchema,
      })
      .nullable(),
    postedAt: z.iso.datetime({ offset: true }),
  }),
  example: {
    transactionId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    accountId: '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
    userId: '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
    kind: 'card_payment',
    direction: 'debit',
    amount: { amountMinor: '1099', currency: 'EUR' },
    balanceAfter: { amountMinor: '96401', currency: 'EUR' },
    counterpartyIban: null,
    reference: 'Corner Books',
    card: {
      cardId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
      authorizationId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
      merchant: { name: 'Corner Books', categoryCode: '5942', country: 'FR' },
    },
    postedAt: '2026-05-01T09:30:00.000Z',
  },
});
