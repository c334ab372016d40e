import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Merchant, Money } from '@microbank/contracts';
import { waitFor, type BankUnderTest, type Customer, type Reply } from '@microbank/testing';

export interface Authorization {
  id: string | null;
  cardId: string | null;
  status: string;
  amount: Money;
  responseCode: string | null;
  declineReason: string | null;
  approvalCode: string | null;
  captured: Money | null;
  refunded: Money;
}

export interface IssuedCard {
  id: string;
  pan: string;
  cvc: string;
  expiry: string;
}

export interface AccountView {
  balance: Money;
  available: Money;
}

export interface Cardholder {
  readonly who: Customer;
  readonly card: IssuedCard;
}

export const BOOKSHOP: Merchant = { name: 'Corner Books', categoryCode: '5942', country: 'GB' };

export const gbp = (amountMinor: string): Money => ({ amountMinor, currency: 'GBP' });

/** What the saga tests do as customers and as the card network, on a BankUnderTest with the card service. */
export class CardNetwork {
  /** The full number of every card issued, to search for where it must never appear. */
  readonly issuedPans: string[] = [];

  constructor(private readonly bank: BankUnderTest) {}

  /** A customer with `depositMinor` GBP on their current account and a card on it (limits at the bank maximum). */
  async cardholder(name: string, depositMinor: string): Promise<Cardholder> {
    const { bank } = this;
    const who = await bank.customer(name);
    const deposit = await bank.call('account', 'POST', `/v1/accounts/${who.account.id}/deposits`, {
      token: who.token,
      key: randomUUID(),
      body: gbp(depositMinor),
    });
    expect(deposit.status).toBe(201);
    // the card service learns the account from AccountOpened: until then it is unknown there (404)
    const card = await waitFor(
      async () => {
        const issued = await bank.call<IssuedCard>('card', 'POST', '/v1/cards', {
          token: who.token,
          body: { accountId: who.account.id },
        });
        return issued.status === 201 ? issued.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `a card for ${name}` },
    );
    this.issuedPans.push(card.pan);
    const limits = await bank.call('card', 'PUT', `/v1/cards/${card.id}/limits`, {
      token: who.token,
      body: { perAuthorizationMinor: '1000000', perDayMinor: '2000000' },
    });
    expect(limits.status).toBe(200);
    return { who, card };
  }

  /** The network asks to authorize a payment at the bookshop, in GBP unless `overrides` say otherwise. */
  authorize(
    card: IssuedCard,
    amountMinor: string,
    overrides: Record<string, unknown> = {},
    key: string = randomUUID(),
  ): Promise<Reply<Authorization>> {
    return this.bank.call<Authorization>('card', 'POST', '/v1/card-authorizations', {
      network: true,
      key,
      body: {
        pan: card.pan,
        expiry: card.expiry,
        cvc: card.cvc,
        amountMinor,
        currency: 'GBP',
        merchant: BOOKSHOP,
        ...overrides,
      },
    });
  }

  async accountOf(who: Customer): Promise<AccountView> {
    const reply = await this.bank.call<AccountView>('account', 'GET', `/v1/accounts/${who.account.id}`, {
      token: who.token,
    });
    return reply.body;
  }
}
