import { TransactionPostedV1, TransactionPostedV2, createEvent } from '@microbank/contracts';
import { describe, expect, it } from 'vitest';
import { lineDescription, postingOf } from './posting';

const origin = { source: 'account', correlationId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' } as const;

describe('postingOf', () => {
  it('takes a v2 card payment with its merchant, card and category', () => {
    const payload = TransactionPostedV2.example;
    const event = createEvent(TransactionPostedV2, payload.accountId, payload, origin);
    expect(postingOf(event)).toEqual({
      eventId: event.eventId,
      transactionId: payload.transactionId,
      accountId: payload.accountId,
      kind: 'card_payment',
      direction: 'debit',
      amountMinor: 1099n,
      balanceAfterMinor: 96401n,
      currency: 'EUR',
      postedAt: new Date('2026-05-01T09:30:00.000Z'),
      description: 'Corner Books',
      cardId: payload.card!.cardId,
      merchantCategory: '5942',
      category: 'shopping',
    });
  });

  it('takes a v1 transfer with its reference and counterparty, and no category', () => {
    const payload = TransactionPostedV1.example;
    const posting = postingOf(createEvent(TransactionPostedV1, payload.accountId, payload, origin));
    expect(posting).toMatchObject({
      kind: 'transfer_debit',
      description: 'Rent, May · DE89370400440532013000',
      cardId: null,
      category: null,
    });
  });

  it('counts a v1 card payment, which names no merchant, as spending in other', () => {
    const payload = { ...TransactionPostedV1.example, kind: 'card_payment' as const, reference: null };
    const posting = postingOf(createEvent(TransactionPostedV1, payload.accountId, payload, origin));
    expect(posting).toMatchObject({ category: 'other', description: 'DE89370400440532013000' });
  });
});

describe('lineDescription', () => {
  it('falls back to the kind when a posting says nothing else', () => {
    expect(lineDescription('deposit', null, null, null)).toBe('Deposit');
    expect(lineDescription('withdrawal', null, 'ATM', null)).toBe('ATM');
  });
});
