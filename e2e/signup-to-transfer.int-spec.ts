import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics, type EventEnvelope } from '@microbank/contracts';
import { BankUnderTest, httpRequest, uniqueName, waitFor, type Customer } from '@microbank/testing';

// The user, account and card services as real processes, on databases and topics of this run only.
describe('from signup to a transfer, across services', () => {
  let bank: BankUnderTest;

  beforeAll(async () => {
    bank = await BankUnderTest.start(['user', 'account', 'card']);
  });

  afterAll(() => bank?.stop());

  const customer = (name: string) => bank.customer(name);

  it('opens current accounts from signups and moves money between them', async () => {
    const [ada, grace] = await Promise.all([customer('ada'), customer('grace')]);
    expect(ada.account).toMatchObject({ kind: 'current', currency: 'GBP' });
    const key = () => crypto.randomUUID();
    const gbp = (amountMinor: string) => ({ amountMinor, currency: 'GBP' });

    expect(
      (
        await bank.call('account', 'POST', `/v1/accounts/${ada.account.id}/deposits`, {
          token: ada.token,
          key: key(),
          body: gbp('10000'),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await bank.call('account', 'POST', `/v1/accounts/${ada.account.id}/withdrawals`, {
          token: ada.token,
          key: key(),
          body: gbp('2500'),
        })
      ).status,
    ).toBe(201);
    const transfer = await bank.call('account', 'POST', '/v1/transfers', {
      token: ada.token,
      key: key(),
      body: { fromAccountId: ada.account.id, toIban: grace.account.iban, ...gbp('3000'), reference: 'Lunch' },
    });
    expect(transfer.status).toBe(201);

    const balance = async (who: Customer) =>
      (
        await bank.call<{ balance: { amountMinor: string } }>('account', 'GET', `/v1/accounts/${who.account.id}`, {
          token: who.token,
        })
      ).body.balance;
    expect(await balance(ada)).toEqual(gbp('4500'));
    expect(await balance(grace)).toEqual(gbp('3000'));

    const history = await bank.call<{
      items: { kind: string; counterpartyIban: string | null; reference: string | null }[];
    }>('account', 'GET', `/v1/accounts/${grace.account.id}/transactions`, { token: grace.token });
    expect(history.body.items[0]).toMatchObject({
      kind: 'transfer_credit',
      counterpartyIban: ada.account.iban,
      reference: 'Lunch',
    });

    // each customer sees only their own accounts
    expect((await bank.call('account', 'GET', `/v1/accounts/${ada.account.id}`, { token: grace.token })).status).toBe(
      404,
    );
  });

  it("carries a request's correlation id two hops on: signup → UserSignedUp → AccountOpened", async () => {
    const correlationId = uniqueName('e2e-chain');
    const credentials = { email: `${uniqueName('chain')}@e2e.microbank.local`, password: 'a long enough password' };
    const signup = await httpRequest(bank.urls.user, 'POST', '/v1/users', {
      body: { ...credentials, fullName: 'Chain', country: 'GB' },
      headers: { 'x-correlation-id': correlationId },
    });
    expect(signup.status).toBe(201);
    const userId = ((await signup.json()) as { id: string }).id;

    type Event = EventEnvelope<string, number, { userId: string }>;
    const [signedUp, opened] = await waitFor(
      () => {
        const first = bank.recorder.values<Event>(bank.topic(Topics.signups)).find((e) => e.payload.userId === userId);
        const second = bank.recorder
          .values<Event>(bank.topic(Topics.accounts))
          .find((e) => e.payload.userId === userId);
        return first && second ? ([first, second] as const) : undefined;
      },
      { timeoutMs: 60_000, what: `the events of ${userId}'s signup` },
    );
    expect(signedUp).toMatchObject({ type: 'UserSignedUp', source: 'user', correlationId, causationId: null });
    // published by the account service while it consumed the first event, in another process
    expect(opened).toMatchObject({
      type: 'AccountOpened',
      source: 'account',
      correlationId,
      causationId: signedUp.eventId,
    });
  });

  it('issues a card on the account opened from a signup: three services, joined only by Kafka', async () => {
    const ada = await customer('ada-card');
    // the card service learns the account from AccountOpened; until then the account is unknown to it (404)
    const issued = await waitFor(
      async () => {
        const response = await bank.call<{
          id: string;
          accountId: string;
          pan: string;
          last4: string;
          currency: string;
        }>('card', 'POST', '/v1/cards', { token: ada.token, body: { accountId: ada.account.id } });
        return response.status === 201 ? response.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: "a card on ada's current account" },
    );
    expect(issued).toMatchObject({ accountId: ada.account.id, currency: 'GBP', last4: issued.pan.slice(-4) });

    const masked = await bank.call<Record<string, unknown>>('card', 'GET', `/v1/cards/${issued.id}`, {
      token: ada.token,
    });
    expect(masked.status).toBe(200);
    expect(masked.body).not.toHaveProperty('pan');
  });
});
