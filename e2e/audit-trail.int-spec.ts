import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BankUnderTest, uniqueName, waitFor } from '@microbank/testing';
import { BOOKSHOP, CardNetwork, gbp } from './card-network';

interface TrailRecord {
  type: string | null;
  source: string | null;
  correlationId: string | null;
  causationId: string | null;
  eventId: string | null;
}

// The audit trail over the whole bank: the user, account, card, fraud and audit services as real processes. One
// correlation id, sent with a request, is followed through every service the request reached.
describe('the audit trail across the bank', () => {
  let bank: BankUnderTest;
  let network: CardNetwork;
  let analyst: { userId: string; token: string };

  beforeAll(async () => {
    const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    bank = await BankUnderTest.start(['user', 'account', 'card', 'fraud', 'audit'], {
      audit: { AUDIT_SIGNING_KEY: signingKey },
    });
    network = new CardNetwork(bank);
    analyst = await bank.analyst();
  });

  afterAll(() => bank?.stop());

  /** The trail of `correlationId` once it holds every one of `types`. */
  const trailWith = (correlationId: string, types: readonly string[]) =>
    waitFor(
      async () => {
        const reply = await bank.call<{ items: TrailRecord[] }>(
          'audit',
          'GET',
          `/v1/audit/trail?correlationId=${correlationId}`,
          { token: analyst.token },
        );
        const seen = reply.body.items.map((r) => r.type);
        return types.every((type) => seen.includes(type)) ? reply.body.items : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: `a trail of ${correlationId} with ${types.join(', ')}` },
    );

  const order = (trail: readonly TrailRecord[], types: readonly string[]) =>
    trail.map((r) => r.type).filter((type): type is string => type !== null && types.includes(type));

  it('follows a signup to the account it opened', async () => {
    const correlationId = randomUUID();
    const email = `${uniqueName('audited')}@e2e.microbank.local`;
    const signup = await bank.call('user', 'POST', '/v1/users', {
      headers: { 'x-correlation-id': correlationId },
      body: { email, password: 'a long enough password', fullName: 'Audited Person', country: 'GB' },
    });
    expect(signup.status).toBe(201);

    const trail = await trailWith(correlationId, ['UserSignedUp', 'AccountOpened']);
    expect(order(trail, ['UserSignedUp', 'AccountOpened'])).toEqual(['UserSignedUp', 'AccountOpened']);
    const signedUp = trail.find((r) => r.type === 'UserSignedUp');
    const opened = trail.find((r) => r.type === 'AccountOpened');
    expect(signedUp).toMatchObject({ source: 'user', causationId: null });
    expect(opened).toMatchObject({ source: 'account', causationId: signedUp!.eventId });
  });

  it('follows a card payment from the card service to the hold on the account', async () => {
    const holder = await network.cardholder('audited-shopper', '500000');
    const correlationId = randomUUID();
    const payment = await bank.call('card', 'POST', '/v1/card-authorizations', {
      network: true,
      key: randomUUID(),
      headers: { 'x-correlation-id': correlationId },
      body: {
        pan: holder.card.pan,
        expiry: holder.card.expiry,
        cvc: holder.card.cvc,
        amountMinor: '2500',
        currency: 'GBP',
        merchant: BOOKSHOP,
      },
    });
    expect(payment.status).toBe(201);

    const trail = await trailWith(correlationId, ['CardAuthorizationRequested', 'CardHoldPlaced']);
    expect(order(trail, ['CardAuthorizationRequested', 'CardHoldPlaced'])).toEqual([
      'CardAuthorizationRequested',
      'CardHoldPlaced',
    ]);
    expect(trail.map((r) => r.source)).toEqual(expect.arrayContaining(['card', 'account']));
  });

  it('follows a large withdrawal to the posting, the fraud alert and the frozen account, in order', async () => {
    const victim = await network.cardholder('audited-victim', '1000000');
    const correlationId = randomUUID();
    const withdrawal = await bank.call('account', 'POST', `/v1/accounts/${victim.who.account.id}/withdrawals`, {
      token: victim.who.token,
      key: randomUUID(),
      headers: { 'x-correlation-id': correlationId },
      body: gbp('600000'),
    });
    expect(withdrawal.status).toBe(201);

    const chain = ['TransactionPosted', 'FraudAlertRaised', 'AccountFrozen'];
    const trail = await trailWith(correlationId, chain);
    expect(order(trail, chain)).toEqual(chain);
    const [posted, raised, frozen] = chain.map((type) => trail.find((r) => r.type === type)!);
    expect(posted).toMatchObject({ source: 'account' });
    expect(raised).toMatchObject({ source: 'fraud', causationId: posted!.eventId });
    expect(frozen).toMatchObject({ source: 'account', causationId: raised!.eventId });
  });
});
