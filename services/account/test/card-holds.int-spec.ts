import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CardAuthorizationExpiredV1,
  CardAuthorizationRequestedV1,
  CardAuthorizationReversedV1,
  CardCaptureRequestedV1,
  CardHoldCapturedV1,
  CardHoldDeclinedV1,
  CardHoldPlacedV1,
  CardHoldReleasedV1,
  CardRefundPostedV1,
  CardRefundRequestedV1,
  Topics,
  TransactionPostedV2,
  createEvent,
  deadLetterTopicOf,
  type Currency,
  type EventDefinition,
  type EventEnvelope,
  type PayloadOf,
} from '@microbank/contracts';
import { DeadLetterHeaders, headerText } from '@microbank/messaging';
import { waitFor } from '@microbank/testing';
import { AccountTestApp, type AccountJson, type TestUser, type TransactionJson } from './account-test-app';

type Authorization = PayloadOf<typeof CardAuthorizationRequestedV1>;
type Posted = PayloadOf<typeof TransactionPostedV2>;

const merchant = { name: 'Corner Books', categoryCode: '5942', country: 'FR' };
const eur = (amountMinor: string) => ({ amountMinor, currency: 'EUR' as const });

/** The ids every event of one card carries. */
interface Card {
  readonly cardId: string;
  readonly accountId: string;
}

describe('card holds', () => {
  let svc: AccountTestApp;

  beforeAll(async () => {
    svc = await AccountTestApp.start();
  });

  afterAll(() => svc?.stop());

  async function funded(amountMinor: string): Promise<{ user: TestUser; account: AccountJson; card: Card }> {
    const user = await svc.user();
    const account = await svc.openSavings(user, 'EUR');
    const deposit = await svc.move(`/v1/accounts/${account.id}/deposits`, user, { amountMinor, currency: 'EUR' });
    expect(deposit.status).toBe(201);
    return { user, account, card: { cardId: randomUUID(), accountId: account.id } };
  }

  // what the Card service sends: keyed by card, so one card's saga steps are handled in order
  function send<P extends { cardId: string }>(
    definition: EventDefinition<string, number, P>,
    payload: P,
  ): Promise<EventEnvelope<string, number, P>> {
    const event = createEvent(definition, payload.cardId, payload, { source: 'card', correlationId: randomUUID() });
    return svc.publish(definition.topic, event);
  }

  const authorization = (card: Card, amountMinor: string, currency: Currency = 'EUR'): Authorization => ({
    authorizationId: randomUUID(),
    ...card,
    amount: { amountMinor, currency },
    merchant,
    expiresAt: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString(),
  });

  /** The events of `definition` the service published on banking.cards for one authorization. */
  function outcomes<P extends { authorizationId: string }>(
    definition: EventDefinition<string, number, P>,
    authorizationId: string,
  ): EventEnvelope<string, number, P>[] {
    return svc
      .events<P>(Topics.cards)
      .filter(
        (e) =>
          e.type === definition.type &&
          e.version === definition.version &&
          e.payload.authorizationId === authorizationId,
      );
  }

  const outcome = <P extends { authorizationId: string }>(
    definition: EventDefinition<string, number, P>,
    authorizationId: string,
  ) =>
    waitFor(() => outcomes(definition, authorizationId)[0], {
      timeoutMs: 30_000,
      what: `${definition.type} for authorization ${authorizationId}`,
    });

  const postedEvents = () =>
    svc
      .events<Posted>(Topics.transactions)
      .filter((e) => e.type === TransactionPostedV2.type && e.version === TransactionPostedV2.version);

  const refundsPosted = (request: Authorization) =>
    outcomes(CardRefundPostedV1, request.authorizationId).map((e) => e.payload.refundId);

  async function held(card: Card, amountMinor: string): Promise<Authorization> {
    const request = authorization(card, amountMinor);
    await send(CardAuthorizationRequestedV1, request);
    await outcome(CardHoldPlacedV1, request.authorizationId);
    return request;
  }

  const capture = (request: Authorization, amountMinor: string) => ({
    authorizationId: request.authorizationId,
    cardId: request.cardId,
    accountId: request.accountId,
    captureId: randomUUID(),
    amount: eur(amountMinor),
    merchant,
  });

  const refund = (request: Authorization, amountMinor: string) => ({
    authorizationId: request.authorizationId,
    cardId: request.cardId,
    accountId: request.accountId,
    refundId: randomUUID(),
    amount: eur(amountMinor),
    merchant,
  });

  /**
   * Returns once the service has handled everything sent on the card so far: a request in another currency is
   * handled after them (same key, same partition), and its decline is published after their outcomes.
   */
  async function settled(card: Card): Promise<void> {
    const probe = authorization(card, '1', 'USD');
    await send(CardAuthorizationRequestedV1, probe);
    await outcome(CardHoldDeclinedV1, probe.authorizationId);
  }

  const amounts = async (user: TestUser, account: AccountJson) => {
    const { balance, available } = await svc.account(user, account.id);
    return { balance: balance.amountMinor, available: available.amountMinor };
  };

  async function transactions(user: TestUser, account: AccountJson): Promise<TransactionJson[]> {
    const response = await svc.request('GET', `/v1/accounts/${account.id}/transactions?limit=100`, {
      token: user.token,
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: TransactionJson[] }).items;
  }

  describe('placing a hold', () => {
    it('sets the amount aside when the available balance covers it: the balance stays, available drops', async () => {
      const { user, account, card } = await funded('5000');
      const request = authorization(card, '1200');
      const sent = await send(CardAuthorizationRequestedV1, request);

      const placed = await outcome(CardHoldPlacedV1, request.authorizationId);
      expect(placed).toMatchObject({
        aggregateId: card.cardId,
        source: 'account',
        correlationId: sent.correlationId,
        causationId: sent.eventId,
      });
      expect(placed.payload).toEqual({ ...card, authorizationId: request.authorizationId, amount: eur('1200') });
      const message = svc.recorder.messages.find((m) => m.value?.includes(placed.eventId));
      expect(message?.key).toBe(card.cardId);
      expect(await amounts(user, account)).toEqual({ balance: '5000', available: '3800' });
    });

    it('spends no held money: a withdrawal above the available balance is refused, one within it is not', async () => {
      const { user, account, card } = await funded('5000');
      await held(card, '1200');

      const withdraw = (amountMinor: string) =>
        svc.move(`/v1/accounts/${account.id}/withdrawals`, user, { amountMinor, currency: 'EUR' });
      const tooMuch = await withdraw('3801');
      expect(tooMuch.status).toBe(422);
      expect(await tooMuch.json()).toMatchObject({
        type: 'https://microbank.dev/problems/insufficient-funds',
        errors: [{ field: 'amountMinor', rule: 'insufficient_funds' }],
      });
      expect((await withdraw('3800')).status).toBe(201);
      expect(await amounts(user, account)).toEqual({ balance: '1200', available: '0' });
    });

    it('declines an authorization the available balance does not cover, though the balance would', async () => {
      const { user, account, card } = await funded('1000');
      await held(card, '600');
      const request = authorization(card, '500');
      await send(CardAuthorizationRequestedV1, request);

      const declined = await outcome(CardHoldDeclinedV1, request.authorizationId);
      expect(declined.aggregateId).toBe(card.cardId);
      expect(declined.payload).toEqual({
        ...card,
        authorizationId: request.authorizationId,
        amount: eur('500'),
        reason: 'insufficient_funds',
      });
      expect(await amounts(user, account)).toEqual({ balance: '1000', available: '400' });
    });

    it('declines an authorization on a frozen account', async () => {
      const { user, account, card } = await funded('1000');
      await svc.db.query(`UPDATE account SET status = 'frozen' WHERE id = $1`, [account.id]);
      const request = authorization(card, '100');
      await send(CardAuthorizationRequestedV1, request);

      expect((await outcome(CardHoldDeclinedV1, request.authorizationId)).payload.reason).toBe('account_frozen');
      expect(await amounts(user, account)).toEqual({ balance: '1000', available: '1000' });
    });

    it('declines an authorization in another currency than the account’s', async () => {
      const { user, account, card } = await funded('1000');
      const request = authorization(card, '100', 'GBP');
      await send(CardAuthorizationRequestedV1, request);

      expect((await outcome(CardHoldDeclinedV1, request.authorizationId)).payload.reason).toBe('currency_mismatch');
      expect(await amounts(user, account)).toEqual({ balance: '1000', available: '1000' });
    });

    it('declines an authorization on an account that does not exist', async () => {
      const request = authorization({ cardId: randomUUID(), accountId: randomUUID() }, '100');
      await send(CardAuthorizationRequestedV1, request);

      expect((await outcome(CardHoldDeclinedV1, request.authorizationId)).payload.reason).toBe('unknown_account');
    });
  });

  describe('duplicates', () => {
    // the card service asks again when it got no answer: the same answer again, and nothing held twice
    it('holds once for an authorization requested twice, and answers both', async () => {
      const { user, account, card } = await funded('1000');
      const request = authorization(card, '300');
      const first = await send(CardAuthorizationRequestedV1, request);
      const second = await send(CardAuthorizationRequestedV1, request);
      expect(second.eventId).not.toBe(first.eventId);
      await settled(card);

      expect(await amounts(user, account)).toEqual({ balance: '1000', available: '700' });
      const decided = [
        ...outcomes(CardHoldPlacedV1, request.authorizationId),
        ...outcomes(CardHoldDeclinedV1, request.authorizationId),
      ];
      expect(decided.map((e) => e.type)).toEqual(['CardHoldPlaced', 'CardHoldPlaced']);
      expect(decided[1]!.payload).toEqual(decided[0]!.payload);
    });

    it('posts a capture requested twice once, and answers both alike', async () => {
      const { user, account, card } = await funded('1000');
      const request = await held(card, '400');
      const captureRequest = capture(request, '400');
      await send(CardCaptureRequestedV1, captureRequest);
      await send(CardCaptureRequestedV1, captureRequest);
      const captured = await outcome(CardHoldCapturedV1, request.authorizationId);
      await settled(card);

      const answers = outcomes(CardHoldCapturedV1, request.authorizationId);
      expect(answers.map((answer) => answer.payload)).toEqual([captured.payload, captured.payload]);
      expect(captured.payload).toEqual({
        ...card,
        authorizationId: request.authorizationId,
        captureId: captureRequest.captureId,
        transactionId: expect.any(String) as string,
        amount: eur('400'),
        released: eur('0'),
      });
      expect(await amounts(user, account)).toEqual({ balance: '600', available: '600' });
      const payments = (await transactions(user, account)).filter((t) => t.kind === 'card_payment');
      expect(payments).toEqual([
        expect.objectContaining({
          transactionId: captured.payload.transactionId,
          accountId: account.id,
          kind: 'card_payment',
          direction: 'debit',
          amount: eur('400'),
          balanceAfter: eur('600'),
          reference: merchant.name,
          card: { cardId: card.cardId, authorizationId: request.authorizationId, merchant },
        }),
      ]);

      // a later posting on the account is published after the capture's (keyed by account, relayed in order)
      const deposit = await svc.move(`/v1/accounts/${account.id}/deposits`, user, eur('1'));
      const { transactionId: marker } = (await deposit.json()) as TransactionJson;
      await waitFor(() => postedEvents().some((e) => e.payload.transactionId === marker), {
        timeoutMs: 30_000,
        what: `TransactionPosted for the deposit ${marker}`,
      });
      const posted = postedEvents().filter((e) => e.payload.card?.authorizationId === request.authorizationId);
      expect(posted).toHaveLength(1);
      expect(posted[0]).toMatchObject({ version: 2, aggregateId: account.id, source: 'account' });
      expect(TransactionPostedV2.payload.parse(posted[0]!.payload)).toMatchObject({
        transactionId: captured.payload.transactionId,
        accountId: account.id,
        userId: user.userId,
        kind: 'card_payment',
        direction: 'debit',
        amount: eur('400'),
        card: { cardId: card.cardId, authorizationId: request.authorizationId, merchant },
      });
    });
  });

  describe('capture', () => {
    it('posts a partial capture and releases the rest of the hold', async () => {
      const { user, account, card } = await funded('5000');
      const request = await held(card, '1000');
      expect(await amounts(user, account)).toEqual({ balance: '5000', available: '4000' });
      await send(CardCaptureRequestedV1, capture(request, '600'));

      const captured = await outcome(CardHoldCapturedV1, request.authorizationId);
      expect(captured.aggregateId).toBe(card.cardId);
      expect(captured.payload).toMatchObject({ amount: eur('600'), released: eur('400') });
      expect(await amounts(user, account)).toEqual({ balance: '4400', available: '4400' });
    });
  });

  describe('releasing a hold', () => {
    it('makes the amount of a reversed authorization available again', async () => {
      const { user, account, card } = await funded('1000');
      const request = await held(card, '700');
      expect(await amounts(user, account)).toEqual({ balance: '1000', available: '300' });
      await send(CardAuthorizationReversedV1, {
        ...card,
        authorizationId: request.authorizationId,
        amount: eur('700'),
      });

      const released = await outcome(CardHoldReleasedV1, request.authorizationId);
      expect(released.aggregateId).toBe(card.cardId);
      expect(released.payload).toEqual({
        ...card,
        authorizationId: request.authorizationId,
        amount: eur('700'),
        reason: 'reversed',
      });
      expect(await amounts(user, account)).toEqual({ balance: '1000', available: '1000' });
    });

    it('makes the amount of an expired authorization available again, once', async () => {
      const { user, account, card } = await funded('1000');
      const request = await held(card, '700');
      const ref = { ...card, authorizationId: request.authorizationId, amount: eur('700') };
      await send(CardAuthorizationExpiredV1, ref);

      expect((await outcome(CardHoldReleasedV1, request.authorizationId)).payload.reason).toBe('expired');
      expect(await amounts(user, account)).toEqual({ balance: '1000', available: '1000' });

      // a reversal that crossed the expiry finds nothing left to give back: it hears that the hold expired
      await send(CardAuthorizationReversedV1, ref);
      await settled(card);
      const answers = outcomes(CardHoldReleasedV1, request.authorizationId);
      expect(answers.map((answer) => answer.payload.reason)).toEqual(['expired', 'expired']);
      expect(await amounts(user, account)).toEqual({ balance: '1000', available: '1000' });
    });
  });

  describe('refunds', () => {
    it('credits part of a captured payment back, once even when asked twice', async () => {
      const { user, account, card } = await funded('2000');
      const request = await held(card, '1000');
      await send(CardCaptureRequestedV1, capture(request, '1000'));
      await outcome(CardHoldCapturedV1, request.authorizationId);
      expect(await amounts(user, account)).toEqual({ balance: '1000', available: '1000' });

      const refundRequest = refund(request, '300');
      await send(CardRefundRequestedV1, refundRequest);
      await send(CardRefundRequestedV1, refundRequest);
      const posted = await outcome(CardRefundPostedV1, request.authorizationId);
      await settled(card);

      const answers = outcomes(CardRefundPostedV1, request.authorizationId);
      expect(answers.map((answer) => answer.payload)).toEqual([posted.payload, posted.payload]);
      expect(posted.aggregateId).toBe(card.cardId);
      expect(posted.payload).toEqual({
        ...card,
        authorizationId: request.authorizationId,
        refundId: refundRequest.refundId,
        transactionId: expect.any(String) as string,
        amount: eur('300'),
      });
      expect(await amounts(user, account)).toEqual({ balance: '1300', available: '1300' });
      const refunds = (await transactions(user, account)).filter((t) => t.kind === 'card_refund');
      expect(refunds).toEqual([
        expect.objectContaining({
          transactionId: posted.payload.transactionId,
          direction: 'credit',
          amount: eur('300'),
          balanceAfter: eur('1300'),
          card: { cardId: card.cardId, authorizationId: request.authorizationId, merchant },
        }),
      ]);
    });

    it('dead-letters a refund above what was captured less what was refunded', async () => {
      const { user, account, card } = await funded('2000');
      const request = await held(card, '1000');
      await send(CardCaptureRequestedV1, capture(request, '1000'));
      await outcome(CardHoldCapturedV1, request.authorizationId);
      const first = refund(request, '300');
      await send(CardRefundRequestedV1, first);
      await waitFor(() => refundsPosted(request).includes(first.refundId), { timeoutMs: 30_000, what: 'the refund' });

      const tooMuch = refund(request, '701');
      const refused = await send(CardRefundRequestedV1, tooMuch);
      const deadLetterTopic = svc.topics.of(deadLetterTopicOf(Topics.cards));
      const deadLetter = await waitFor(
        () => svc.recorder.messages.find((m) => m.topic === deadLetterTopic && m.value?.includes(refused.eventId)),
        { timeoutMs: 30_000, what: `the dead letter of refund ${tooMuch.refundId}` },
      );
      expect(deadLetter.key).toBe(card.cardId);
      expect(headerText(deadLetter.headers, DeadLetterHeaders.reason)).toBe('rejected');
      expect(headerText(deadLetter.headers, DeadLetterHeaders.error)).toContain(tooMuch.refundId);

      // the rest of what was captured still fits, exactly
      const rest = refund(request, '700');
      await send(CardRefundRequestedV1, rest);
      await waitFor(() => refundsPosted(request).includes(rest.refundId), { timeoutMs: 30_000, what: 'the rest' });
      expect(refundsPosted(request)).toEqual([first.refundId, rest.refundId]);
      expect(await amounts(user, account)).toEqual({ balance: '2000', available: '2000' });
    });
  });
});
