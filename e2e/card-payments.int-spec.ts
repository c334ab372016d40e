import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics, type EventEnvelope, type Merchant, type Money } from '@microbank/contracts';
import { BankUnderTest, waitFor, type Customer, type Reply } from '@microbank/testing';
import { BOOKSHOP, CardNetwork, gbp, type Authorization } from './card-network';

const FINAL = new Set(['approved', 'declined', 'captured', 'reversed', 'expired']);

// The card payment saga across the account and card services as real processes, joined only by Kafka: the card
// network (this test) calls the card service; the account service holds, posts and releases the money.
describe('card payments, a saga between the card and account services', () => {
  let bank: BankUnderTest;
  let network: CardNetwork;

  beforeAll(async () => {
    bank = await BankUnderTest.start(['user', 'account', 'card'], {
      // the expiry test ages one authorization behind the service's back; the sweep runs often to find it
      // and asks the account again for any step unanswered after 5 s
      card: { CARD_SAGA_SWEEP_MS: '500', CARD_SAGA_RESEND_SECONDS: '5' },
    });
    network = new CardNetwork(bank);
  });

  afterAll(() => bank?.stop());

  const cardholder = (name: string, depositMinor: string) => network.cardholder(name, depositMinor);
  const authorize: CardNetwork['authorize'] = (...args) => network.authorize(...args);
  const accountOf = (who: Customer) => network.accountOf(who);

  /** Where the authorization stands once the saga has answered (a 202 means it had not within the window). */
  async function settled(id: string, done = (a: Authorization) => FINAL.has(a.status)): Promise<Authorization> {
    return waitFor(
      async () => {
        const read = await bank.call<Authorization>('card', 'GET', `/v1/card-authorizations/${id}`, { network: true });
        return done(read.body) ? read.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `authorization ${id} to settle` },
    );
  }

  /** The network's answer once decided: the reply itself, or after a 202 (the account answered late) a GET. */
  async function decided(reply: Promise<Reply<Authorization>>): Promise<Authorization> {
    const { status, body } = await reply;
    if (status === 202) return settled(body.id!);
    expect(status).toBe(body.status === 'declined' ? 402 : 201);
    return body;
  }

  it('approves, captures part, posts a card payment with the merchant, and refunds', async () => {
    const { who, card } = await cardholder('payer', '10000');

    const approved = await decided(authorize(card, '2500'));
    expect(approved).toMatchObject({ status: 'approved', responseCode: '00', amount: gbp('2500') });
    expect(approved.approvalCode).toMatch(/^[A-Z0-9]{6}$/);
    // held, not spent: the balance stays, the available balance drops
    expect(await accountOf(who)).toMatchObject({ balance: gbp('10000'), available: gbp('7500') });

    const id = approved.id!;
    const capture = await bank.call<Authorization>('card', 'POST', `/v1/card-authorizations/${id}/captures`, {
      network: true,
      body: { amountMinor: '2000', currency: 'GBP' },
    });
    expect([201, 202]).toContain(capture.status);
    expect((await settled(id, (a) => a.status === 'captured')).captured).toEqual(gbp('2000'));
    // 2,000 posted, the other 500 of the hold released
    expect(await accountOf(who)).toMatchObject({ balance: gbp('8000'), available: gbp('8000') });

    const history = await bank.call<{ items: { kind: string; amount: Money; card: unknown; reference: string }[] }>(
      'account',
      'GET',
      `/v1/accounts/${who.account.id}/transactions`,
      { token: who.token },
    );
    expect(history.body.items[0]).toMatchObject({
      kind: 'card_payment',
      amount: gbp('2000'),
      reference: BOOKSHOP.name,
      card: { cardId: card.id, authorizationId: id, merchant: BOOKSHOP },
    });
    type Posted = EventEnvelope<string, number, { kind: string; card: { merchant: Merchant } | null }>;
    const posted = await waitFor(
      () =>
        bank.recorder
          .values<Posted>(bank.topic(Topics.transactions))
          .find((event) => event.payload.kind === 'card_payment' && event.aggregateId === who.account.id),
      { timeoutMs: 30_000, what: 'the card payment on banking.transactions' },
    );
    expect(posted).toMatchObject({ type: 'TransactionPosted', version: 2, payload: { card: { merchant: BOOKSHOP } } });

    const refund = await bank.call<{ id: string; status: string }>(
      'card',
      'POST',
      `/v1/card-authorizations/${id}/refunds`,
      { network: true, key: randomUUID(), body: { amountMinor: '500', currency: 'GBP' } },
    );
    expect([201, 202]).toContain(refund.status);
    await waitFor(async () => (await accountOf(who)).balance.amountMinor === '8500', {
      timeoutMs: 30_000,
      what: 'the refund credited',
    });
    // never more back than was captured
    const tooMuch = await bank.call('card', 'POST', `/v1/card-authorizations/${id}/refunds`, {
      network: true,
      key: randomUUID(),
      body: { amountMinor: '1501', currency: 'GBP' },
    });
    expect(tooMuch.status).toBe(422);
  });

  it('declines with the ISO 8583 code of each reason, and holds nothing', async () => {
    const { who, card } = await cardholder('decliner', '5000');
    const declined = async (reply: Promise<Reply<Authorization>>) => {
      const answer = await decided(reply);
      expect(answer.status).toBe('declined');
      return [answer.responseCode, answer.declineReason];
    };

    expect(await declined(authorize(card, '5001'))).toEqual(['51', 'insufficient_funds']);
    // a wrong CVC and a wrong expiry get the same code: neither can be guessed one after the other
    const wrongCvc = card.cvc === '000' ? '001' : '000';
    expect(await declined(authorize(card, '100', { cvc: wrongCvc }))).toEqual(['05', 'do_not_honour']);
    expect(await declined(authorize(card, '100', { expiry: '01/20' }))).toEqual(['05', 'do_not_honour']);
    expect(await declined(authorize(card, '100', { currency: 'EUR' }))).toEqual(['05', 'do_not_honour']);
    expect(await declined(authorize({ ...card, pan: '4000000000000002' }, '100'))).toEqual(['14', 'unknown_card']);

    const lowLimits = await bank.call('card', 'PUT', `/v1/cards/${card.id}/limits`, {
      token: who.token,
      body: { perAuthorizationMinor: '1000', perDayMinor: '1500' },
    });
    expect(lowLimits.status).toBe(200);
    expect(await declined(authorize(card, '1001'))).toEqual(['61', 'over_limit']);
    expect((await decided(authorize(card, '1000'))).status).toBe('approved');
    // 1,000 of the day's 1,500 is taken
    expect(await declined(authorize(card, '501'))).toEqual(['61', 'over_limit']);

    expect((await bank.call('card', 'POST', `/v1/cards/${card.id}/freeze`, { token: who.token })).status).toBe(200);
    expect(await declined(authorize(card, '100'))).toEqual(['62', 'card_restricted']);
    // as the fraud service will freeze a card after a high-severity alert (it names the alert)
    await bank.databaseRows(
      'card',
      `UPDATE card SET frozen_alert_ids = ARRAY[gen_random_uuid()] WHERE id = '${card.id}'`,
    );
    expect(await declined(authorize(card, '100'))).toEqual(['59', 'fraud_suspected']);
    // years later, as far as the card service can tell
    await bank.databaseRows('card', `UPDATE card SET expires_on = '2020-01' WHERE id = '${card.id}'`);
    expect(await declined(authorize(card, '100', { expiry: '01/20' }))).toEqual(['54', 'card_expired']);

    // only the one approval holds money
    expect(await accountOf(who)).toMatchObject({ balance: gbp('5000'), available: gbp('4000') });
  });

  it('releases the hold when the merchant reverses, and when nobody captures in time', async () => {
    const { who, card } = await cardholder('releaser', '3000');
    const reversed = await decided(authorize(card, '1000'));
    expect(reversed.status).toBe('approved');
    const expiring = await decided(authorize(card, '1500'));
    expect(expiring.status).toBe('approved');
    expect(await accountOf(who)).toMatchObject({ available: gbp('500') });

    const reversal = await bank.call<Authorization>(
      'card',
      'POST',
      `/v1/card-authorizations/${reversed.id}/reversals`,
      { network: true },
    );
    expect([200, 202]).toContain(reversal.status);
    expect((await settled(reversed.id!, (a) => a.status === 'reversed')).status).toBe('reversed');
    // a reversed authorization is no longer capturable
    const late = await bank.call('card', 'POST', `/v1/card-authorizations/${reversed.id}/captures`, {
      network: true,
      body: { currency: 'GBP' },
    });
    expect(late.status).toBe(409);

    // seven days later, as far as the card service can tell
    await bank.databaseRows(
      'card',
      `UPDATE card_authorization SET expires_at = now() - interval '1 second' WHERE id = '${expiring.id}'`,
    );
    const expired = await settled(expiring.id!, (a) => a.status === 'expired');
    expect(expired.status).toBe('expired');
    expect(await accountOf(who)).toMatchObject({ balance: gbp('3000'), available: gbp('3000') });
  });

  it('reverses an authorization still pending, once the account answers: nothing stays held', async () => {
    const { who, card } = await cardholder('timeout', '3000');
    await bank.kill('account');
    const pending = await authorize(card, '1000');
    expect(pending).toMatchObject({ status: 202, body: { status: 'pending' } });
    // a network that timed out reverses at once
    const reversal = await bank.call<Authorization>(
      'card',
      'POST',
      `/v1/card-authorizations/${pending.body.id}/reversals`,
      {
        network: true,
      },
    );
    expect(reversal).toMatchObject({ status: 202, body: { status: 'reversing' } });
    await bank.restart('account');
    expect((await settled(pending.body.id!, (a) => a.status !== 'reversing')).status).toBe('reversed');
    expect(await accountOf(who)).toMatchObject({ balance: gbp('3000'), available: gbp('3000') });
  });

  it('asks the account again for an answer that never came, and the account answers without holding twice', async () => {
    const { who, card } = await cardholder('forgotten', '3000');
    const approved = await decided(authorize(card, '1000'));
    expect(approved.status).toBe('approved');
    // as if the hold's answer had been lost on its way: the card service still waits, long past the resend time
    await bank.databaseRows(
      'card',
      `UPDATE card_authorization SET status = 'pending', approval_code = NULL, response_code = NULL,
              updated_at = now() - interval '1 hour' WHERE id = '${approved.id}'`,
    );
    const again = await settled(approved.id!);
    expect(again).toMatchObject({ status: 'approved', responseCode: '00' });
    expect(await accountOf(who)).toMatchObject({ balance: gbp('3000'), available: gbp('2000') });
  });

  it('never lets 100 concurrent authorizations on one account hold more than it has', async () => {
    const { who, card } = await cardholder('crowd', '10000');
    const replies = await Promise.all(Array.from({ length: 100 }, () => authorize(card, '300')));
    expect(replies.every((reply) => [201, 202, 402].includes(reply.status))).toBe(true);
    const outcomes = await Promise.all(replies.map((reply) => settled(reply.body.id!)));
    const approved = outcomes.filter((a) => a.status === 'approved');
    const declined = outcomes.filter((a) => a.status === 'declined');
    // 33 × 300 = 9,900 fits in 10,000; the 34th would not
    expect(approved).toHaveLength(33);
    expect(declined).toHaveLength(67);
    expect(declined.every((a) => a.responseCode === '51')).toBe(true);
    expect(await accountOf(who)).toMatchObject({ balance: gbp('10000'), available: gbp('100') });
  });

  it('answers a retried network call with the same authorization, and refuses a reused key', async () => {
    const { who, card } = await cardholder('retrier', '5000');
    const key = randomUUID();
    const first = await decided(authorize(card, '700', {}, key));
    expect(first.status).toBe('approved');
    const retries = await Promise.all([authorize(card, '700', {}, key), authorize(card, '700', {}, key)]);
    for (const retry of retries)
      expect(retry).toMatchObject({ status: 201, body: { id: first.id, status: 'approved' } });
    expect((await authorize(card, '701', {}, key)).status).toBe(422);
    // one hold, however often the network asked
    expect(await accountOf(who)).toMatchObject({ available: gbp('4300') });
  });

  it('loses nothing when the account service is killed mid-saga: every authorization ends, none holds twice', async () => {
    const { who, card } = await cardholder('survivor', '100000');
    const inFlight = Array.from({ length: 20 }, () => authorize(card, '1000'));
    await bank.kill('account');
    const replies = await Promise.all(inFlight);
    // the card service answers 202 while the account service is down: the saga waits in Kafka
    expect(replies.every((reply) => [201, 202].includes(reply.status))).toBe(true);
    const captureOf = replies.slice(0, 5).map((reply) => reply.body.id!);
    await bank.restart('account');

    const outcomes = await Promise.all(replies.map((reply) => settled(reply.body.id!)));
    expect(outcomes.every((a) => a.status === 'approved')).toBe(true);
    expect(await accountOf(who)).toMatchObject({ balance: gbp('100000'), available: gbp('80000') });

    // and again between capture requested and posted
    for (const id of captureOf) {
      const capture = await bank.call('card', 'POST', `/v1/card-authorizations/${id}/captures`, {
        network: true,
        body: { currency: 'GBP' },
      });
      expect([201, 202]).toContain(capture.status);
    }
    await bank.kill('account');
    await bank.restart('account');
    await Promise.all(captureOf.map((id) => settled(id, (a) => a.status === 'captured')));
    expect(await accountOf(who)).toMatchObject({ balance: gbp('95000'), available: gbp('80000') });
    const holds = await bank.databaseRows(
      'account',
      `SELECT status, count(*)::int AS n FROM card_hold WHERE card_id = '${card.id}' GROUP BY status ORDER BY status`,
    );
    expect(holds).toEqual([
      { status: 'held', n: 15 },
      { status: 'captured', n: 5 },
    ]);
  });

  it('loses nothing when the card service is killed mid-call: the network retries with its keys, nothing holds twice', async () => {
    const { who, card } = await cardholder('retried', '100000');
    const keys = Array.from({ length: 10 }, () => randomUUID());
    // calls the crash cuts off throw (no response): the network does not know what happened to them
    const cutOff = keys.map((key) => authorize(card, '1000', {}, key).catch(() => undefined));
    await bank.kill('card');
    await Promise.all(cutOff);
    await bank.restart('card');

    const outcomes = await Promise.all(keys.map((key) => decided(authorize(card, '1000', {}, key))));
    expect(outcomes.map((a) => a.status)).toEqual(keys.map(() => 'approved'));
    expect(new Set(outcomes.map((a) => a.id)).size).toBe(10);
    expect(await accountOf(who)).toMatchObject({ balance: gbp('100000'), available: gbp('90000') });
    const [recorded] = await bank.databaseRows<{ n: number }>(
      'card',
      `SELECT count(*)::int AS n FROM card_authorization WHERE card_id = '${card.id}'`,
    );
    const [held] = await bank.databaseRows<{ n: number }>(
      'account',
      `SELECT count(*)::int AS n FROM card_hold WHERE card_id = '${card.id}'`,
    );
    expect([recorded!.n, held!.n]).toEqual([10, 10]);
  });

  it('never lets a card number reach the databases, the logs or Kafka', async () => {
    expect(network.issuedPans.length).toBeGreaterThan(0);
    const everything = [
      ...(await bank.everyRowAsText('card')),
      ...(await bank.everyRowAsText('account')),
      ...bank.logs,
      ...bank.recorder.rawValues(),
    ].join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const pan of network.issuedPans) expect(everything).not.toContain(pan);
  });
});
