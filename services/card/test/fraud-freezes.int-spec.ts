import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CardFrozenV1,
  CardUnfrozenV1,
  FraudAlertRaisedV1,
  FraudAlertResolvedV1,
  Topics,
  deadLetterTopicOf,
  type AlertResolution,
  type EventDefinition,
  type EventEnvelope,
  type PayloadOf,
} from '@microbank/contracts';
import { DeadLetterHeaders, headerText } from '@microbank/messaging';
import { waitFor } from '@microbank/testing';
import { CardTestApp, type TestCustomer } from './card-test-app';

type Raised = PayloadOf<typeof FraudAlertRaisedV1>;
type Resolved = PayloadOf<typeof FraudAlertResolvedV1>;
type Freeze = PayloadOf<typeof CardFrozenV1>;

interface IssuedCard {
  id: string;
  accountId: string;
  status: string;
  pan: string;
  cvc: string;
  expiry: string;
}

interface AuthorizationJson {
  status: string;
  responseCode: string | null;
  declineReason: string | null;
}

describe('fraud freezes of cards', () => {
  let svc: CardTestApp;

  beforeAll(async () => {
    svc = await CardTestApp.start();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  async function issued(): Promise<{ holder: TestCustomer; card: IssuedCard }> {
    const holder = await svc.customer();
    const accountId = await svc.accountOpened(holder.userId);
    const response = await svc.request('POST', '/v1/cards', { token: holder.token, body: { accountId } });
    expect(response.status).toBe(201);
    return { holder, card: (await response.json()) as IssuedCard };
  }

  const alert = (holder: TestCustomer, card: IssuedCard, overrides: Partial<Raised> = {}): Raised => ({
    alertId: randomUUID(),
    rule: 'impossible-travel',
    severity: 'high',
    score: 92,
    description: 'Card used in FR then in JP 14 minutes later: 9,700 km at 41,600 km/h (limit 1,000 km/h)',
    userId: holder.userId,
    accountId: card.accountId,
    cardId: card.id,
    evidence: [randomUUID(), randomUUID()],
    amount: { amountMinor: '4999', currency: 'EUR' },
    freezeCard: true,
    freezeAccount: false,
    ...overrides,
  });

  const resolution = (raised: Raised, outcome: AlertResolution): Resolved => ({
    alertId: raised.alertId,
    accountId: raised.accountId,
    cardId: raised.cardId,
    resolution: outcome,
    resolvedBy: randomUUID(),
    note: null,
  });

  // what the Fraud service sends: keyed by account, so one account's alerts are handled in order
  const send = <P extends { accountId: string }>(definition: EventDefinition<string, number, P>, payload: P) =>
    svc.publish(definition, payload.accountId, payload, 'fraud');

  /** The freeze events of `definition` the service wrote for one alert (its outbox: published or about to be). */
  async function written(definition: EventDefinition<string, number, Freeze>, alertId: string): Promise<number> {
    const { rowCount } = await svc.db.query(
      `SELECT 1 FROM outbox_event WHERE event_type = $1 AND envelope->'payload'->>'alertId' = $2`,
      [definition.type, alertId],
    );
    return rowCount ?? 0;
  }

  /** The event of `definition` on banking.cards naming this alert, once the relay published it. */
  const recorded = (definition: EventDefinition<string, number, Freeze>, alertId: string) =>
    waitFor(
      () =>
        svc
          .cardEvents()
          .find((e) => e.type === definition.type && e.version === definition.version && e.payload.alertId === alertId),
      { timeoutMs: 30_000, what: `${definition.type} for alert ${alertId}` },
    ) as Promise<EventEnvelope<string, number, Freeze>>;

  async function stateOf(card: IssuedCard): Promise<{ status: string; frozenAlertId: string | null }> {
    const { rows } = await svc.db.query<{ status: string; frozen_alert_id: string | null }>(
      'SELECT status, frozen_alert_id FROM card WHERE id = $1',
      [card.id],
    );
    return { status: rows[0]!.status, frozenAlertId: rows[0]!.frozen_alert_id };
  }

  const act = (holder: TestCustomer, card: IssuedCard, action: string) =>
    svc.request('POST', `/v1/cards/${card.id}/${action}`, { token: holder.token });

  async function frozenBy(holder: TestCustomer, card: IssuedCard): Promise<Raised> {
    const raised = alert(holder, card);
    await send(FraudAlertRaisedV1, raised);
    await recorded(CardFrozenV1, raised.alertId);
    return raised;
  }

  describe('a raised alert', () => {
    it('freezes the card it asks to freeze and says so with CardFrozen naming the alert', async () => {
      const { holder, card } = await issued();
      const raised = alert(holder, card);
      const sent = await send(FraudAlertRaisedV1, raised);

      const frozen = await recorded(CardFrozenV1, raised.alertId);
      expect(frozen).toMatchObject({
        version: 1,
        source: 'card',
        aggregateId: card.id,
        correlationId: sent.correlationId,
        causationId: sent.eventId,
      });
      expect(CardFrozenV1.payload.parse(frozen.payload)).toEqual({
        cardId: card.id,
        accountId: card.accountId,
        reason: `Fraud alert: ${raised.description}`,
        alertId: raised.alertId,
      });
      const view = await svc.request('GET', `/v1/cards/${card.id}`, { token: holder.token });
      expect(await view.json()).toMatchObject({ status: 'frozen' });
      expect(await stateOf(card)).toEqual({ status: 'frozen', frozenAlertId: raised.alertId });
    });

    it('declines a payment with the frozen card as suspected fraud (59)', async () => {
      const { holder, card } = await issued();
      await frozenBy(holder, card);

      const response = await svc.request('POST', '/v1/card-authorizations', {
        token: svc.config.CARD_NETWORK_KEY,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          pan: card.pan,
          expiry: card.expiry,
          cvc: card.cvc,
          amountMinor: '1000',
          currency: 'EUR',
          merchant: { name: 'Corner Books', categoryCode: '5942', country: 'FR' },
        },
      });
      expect(response.status).toBe(402);
      expect(await response.json()).toMatchObject({
        status: 'declined',
        responseCode: '59',
        declineReason: 'fraud_suspected',
      } satisfies Partial<AuthorizationJson>);
    });

    it('refuses to let the holder unfreeze a card a fraud alert froze (409)', async () => {
      const { holder, card } = await issued();
      const raised = await frozenBy(holder, card);

      const unfreeze = await act(holder, card, 'unfreeze');
      expect(unfreeze.status).toBe(409);
      expect(await unfreeze.json()).toMatchObject({
        type: 'https://microbank.dev/problems/card-frozen-by-fraud-alert',
        title: 'Card frozen by a fraud alert',
      });
      // freezing it again is asking for what it already is: nothing changes
      expect(await (await act(holder, card, 'freeze')).json()).toMatchObject({ status: 'frozen' });
      expect(await stateOf(card)).toEqual({ status: 'frozen', frozenAlertId: raised.alertId });
      expect(await written(CardUnfrozenV1, raised.alertId)).toBe(0);
    });

    it('changes nothing for an alert that does not ask to freeze the card', async () => {
      const { holder, card } = await issued();
      const raised = alert(holder, card, { severity: 'low', freezeCard: false });
      await svc.handled(await send(FraudAlertRaisedV1, raised));

      expect(await stateOf(card)).toEqual({ status: 'active', frozenAlertId: null });
      expect(await written(CardFrozenV1, raised.alertId)).toBe(0);
    });

    it('freezes once and publishes one CardFrozen for an alert delivered twice', async () => {
      const { holder, card } = await issued();
      const raised = alert(holder, card);
      const sent = await send(FraudAlertRaisedV1, raised);
      await svc.send(Topics.alerts, sent); // the same event again
      // handled after both (same key, same partition): once it is, the redelivery was too
      await svc.handled(await send(FraudAlertRaisedV1, alert(holder, card, { freezeCard: false })));

      await recorded(CardFrozenV1, raised.alertId);
      expect(await written(CardFrozenV1, raised.alertId)).toBe(1);
      expect(await stateOf(card)).toEqual({ status: 'frozen', frozenAlertId: raised.alertId });
    });

    it('leaves a card its holder froze, or cancelled, as it is', async () => {
      const holderFrozen = await issued();
      expect((await act(holderFrozen.holder, holderFrozen.card, 'freeze')).status).toBe(200);
      const cancelled = await issued();
      expect((await act(cancelled.holder, cancelled.card, 'cancel')).status).toBe(200);

      for (const { holder, card } of [holderFrozen, cancelled]) {
        const raised = alert(holder, card);
        await svc.handled(await send(FraudAlertRaisedV1, raised));
        expect(await written(CardFrozenV1, raised.alertId)).toBe(0);
      }
      expect(await stateOf(holderFrozen.card)).toEqual({ status: 'frozen', frozenAlertId: null });
      expect(await stateOf(cancelled.card)).toEqual({ status: 'cancelled', frozenAlertId: null });
    });

    it('dead-letters an alert naming a card it does not know, or a card of another account', async () => {
      const { holder, card } = await issued();
      const unknown = await send(FraudAlertRaisedV1, alert(holder, card, { cardId: randomUUID() }));
      const foreign = await send(FraudAlertRaisedV1, alert(holder, card, { accountId: randomUUID() }));

      for (const sent of [unknown, foreign]) {
        const deadLetter = await waitFor(
          () => svc.messagesOn(deadLetterTopicOf(Topics.alerts)).find((m) => m.value?.includes(sent.eventId)),
          { timeoutMs: 30_000, what: `the dead letter of alert ${sent.payload.alertId}` },
        );
        expect(deadLetter.key).toBe(sent.payload.accountId);
        expect(headerText(deadLetter.headers, DeadLetterHeaders.reason)).toBe('rejected');
        expect(headerText(deadLetter.headers, DeadLetterHeaders.error)).toContain(sent.payload.cardId!);
      }
      expect(await stateOf(card)).toEqual({ status: 'active', frozenAlertId: null });
    });
  });

  describe('a resolved alert', () => {
    it('unfreezes the card after a false positive and says so with CardUnfrozen naming the alert', async () => {
      const { holder, card } = await issued();
      const raised = await frozenBy(holder, card);
      const sent = await send(FraudAlertResolvedV1, resolution(raised, 'false_positive'));

      const unfrozen = await recorded(CardUnfrozenV1, raised.alertId);
      expect(unfrozen).toMatchObject({
        source: 'card',
        aggregateId: card.id,
        correlationId: sent.correlationId,
        causationId: sent.eventId,
      });
      expect(CardUnfrozenV1.payload.parse(unfrozen.payload)).toEqual({
        cardId: card.id,
        accountId: card.accountId,
        reason: 'Fraud alert resolved as a false positive',
        alertId: raised.alertId,
      });
      expect(await stateOf(card)).toEqual({ status: 'active', frozenAlertId: null });
      // the holder's own controls work again
      expect(await (await act(holder, card, 'freeze')).json()).toMatchObject({ status: 'frozen' });
      expect(await (await act(holder, card, 'unfreeze')).json()).toMatchObject({ status: 'active' });
    });

    it('keeps the card frozen when the fraud is confirmed', async () => {
      const { holder, card } = await issued();
      const raised = await frozenBy(holder, card);
      await svc.handled(await send(FraudAlertResolvedV1, resolution(raised, 'confirmed_fraud')));

      expect(await stateOf(card)).toEqual({ status: 'frozen', frozenAlertId: raised.alertId });
      expect(await written(CardUnfrozenV1, raised.alertId)).toBe(0);
      expect((await act(holder, card, 'unfreeze')).status).toBe(409);
    });

    it('keeps the card frozen when another alert than the one that froze it proves a false positive', async () => {
      const { holder, card } = await issued();
      const raised = await frozenBy(holder, card);
      const other = alert(holder, card, { freezeCard: false });
      await send(FraudAlertRaisedV1, other);
      await svc.handled(await send(FraudAlertResolvedV1, resolution(other, 'false_positive')));

      expect(await stateOf(card)).toEqual({ status: 'frozen', frozenAlertId: raised.alertId });
      expect(await written(CardUnfrozenV1, other.alertId)).toBe(0);
    });
  });
});
