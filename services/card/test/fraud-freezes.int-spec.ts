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

interface CardState {
  status: string;
  frozenByHolder: boolean;
  frozenAlertIds: string[];
}

interface AuthorizationJson {
  status: string;
  responseCode: string | null;
  declineReason: string | null;
}

type Answer = AuthorizationJson & { httpStatus: number };

const declined = (responseCode: string, declineReason: string): Answer => ({
  httpStatus: 402,
  status: 'declined',
  responseCode,
  declineReason,
});
const suspected = declined('59', 'fraud_suspected');
const restricted = declined('62', 'card_restricted');

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

  /** The card's status, and what holds it frozen: its holder, and the open alerts in the order they froze it. */
  async function stateOf(card: IssuedCard): Promise<CardState> {
    const { rows } = await svc.db.query<{ status: string; frozen_by_holder: boolean; frozen_alert_ids: string[] }>(
      'SELECT status, frozen_by_holder, frozen_alert_ids FROM card WHERE id = $1',
      [card.id],
    );
    const row = rows[0]!;
    return { status: row.status, frozenByHolder: row.frozen_by_holder, frozenAlertIds: row.frozen_alert_ids };
  }

  const state = (status: string, frozenByHolder: boolean, ...frozenAlertIds: string[]): CardState => ({
    status,
    frozenByHolder,
    frozenAlertIds,
  });

  /** The events on banking.cards the service wrote in reply to one event (its outbox: published or about to be). */
  async function causedBy(event: EventEnvelope): Promise<EventEnvelope<string, number, Freeze>[]> {
    const { rows } = await svc.db.query<{ envelope: EventEnvelope<string, number, Freeze> }>(
      `SELECT envelope FROM outbox_event WHERE envelope->>'causationId' = $1`,
      [event.eventId],
    );
    return rows.map((row) => row.envelope);
  }

  /** A card network's payment of 10.00 EUR with the card: how the authorization was answered. */
  async function authorize(card: IssuedCard): Promise<Answer> {
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
    const { status, responseCode, declineReason } = (await response.json()) as AuthorizationJson;
    return { httpStatus: response.status, status, responseCode, declineReason };
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
      expect(await stateOf(card)).toEqual(state('frozen', false, raised.alertId));
    });

    it('declines a payment with the frozen card as suspected fraud (59)', async () => {
      const { holder, card } = await issued();
      await frozenBy(holder, card);

      expect(await authorize(card)).toEqual(suspected);
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
      // freezing it too changes nothing now, and is remembered for after the alert
      expect(await (await act(holder, card, 'freeze')).json()).toMatchObject({ status: 'frozen' });
      expect(await stateOf(card)).toEqual(state('frozen', true, raised.alertId));
      expect(await written(CardUnfrozenV1, raised.alertId)).toBe(0);
      expect(await authorize(card)).toEqual(suspected);
    });

    it('changes nothing for an alert that does not ask to freeze the card', async () => {
      const { holder, card } = await issued();
      const raised = alert(holder, card, { severity: 'low', freezeCard: false });
      await svc.handled(await send(FraudAlertRaisedV1, raised));

      expect(await stateOf(card)).toEqual(state('active', false));
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
      expect(await stateOf(card)).toEqual(state('frozen', false, raised.alertId));
    });

    it('freezes a card its holder froze for suspected fraud too: 59, and no unfreezing by the holder', async () => {
      const { holder, card } = await issued();
      expect((await act(holder, card, 'freeze')).status).toBe(200);
      expect(await authorize(card)).toEqual(restricted);
      const raised = alert(holder, card);
      await send(FraudAlertRaisedV1, raised);

      // the card was frozen, but now for suspected fraud: CardFrozen says so
      expect((await recorded(CardFrozenV1, raised.alertId)).payload.reason).toBe(`Fraud alert: ${raised.description}`);
      expect(await stateOf(card)).toEqual(state('frozen', true, raised.alertId));
      expect(await authorize(card)).toEqual(suspected);
      const unfreeze = await act(holder, card, 'unfreeze');
      expect(unfreeze.status).toBe(409);
      expect(await unfreeze.json()).toMatchObject({
        type: 'https://microbank.dev/problems/card-frozen-by-fraud-alert',
      });
    });

    it('remembers a second alert on a card an alert froze, and publishes nothing for it', async () => {
      const { holder, card } = await issued();
      const first = await frozenBy(holder, card);
      const second = alert(holder, card, { rule: 'card-testing' });
      await svc.handled(await send(FraudAlertRaisedV1, second));

      expect(await written(CardFrozenV1, second.alertId)).toBe(0);
      expect(await stateOf(card)).toEqual(state('frozen', false, first.alertId, second.alertId));
    });

    it('leaves a cancelled card as it is', async () => {
      const { holder, card } = await issued();
      expect((await act(holder, card, 'cancel')).status).toBe(200);
      const raised = alert(holder, card);
      await svc.handled(await send(FraudAlertRaisedV1, raised));

      expect(await written(CardFrozenV1, raised.alertId)).toBe(0);
      expect(await stateOf(card)).toEqual(state('cancelled', false));
    });

    it('never lets a card be frozen by nothing, nor stay active while an alert holds it (CHECK)', async () => {
      const { card } = await issued();
      const check = /card_frozen_by_holder_or_alerts/;
      await expect(svc.db.query(`UPDATE card SET status = 'frozen' WHERE id = $1`, [card.id])).rejects.toThrow(check);
      await expect(
        svc.db.query(`UPDATE card SET frozen_alert_ids = ARRAY[gen_random_uuid()] WHERE id = $1`, [card.id]),
      ).rejects.toThrow(check);
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
      expect(await stateOf(card)).toEqual(state('active', false));
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
      expect(await stateOf(card)).toEqual(state('active', false));
      // the holder's own controls work again
      expect(await (await act(holder, card, 'freeze')).json()).toMatchObject({ status: 'frozen' });
      expect(await (await act(holder, card, 'unfreeze')).json()).toMatchObject({ status: 'active' });
    });

    it('keeps the card frozen when the fraud is confirmed', async () => {
      const { holder, card } = await issued();
      const raised = await frozenBy(holder, card);
      await svc.handled(await send(FraudAlertResolvedV1, resolution(raised, 'confirmed_fraud')));

      expect(await stateOf(card)).toEqual(state('frozen', false, raised.alertId));
      expect(await written(CardUnfrozenV1, raised.alertId)).toBe(0);
      expect((await act(holder, card, 'unfreeze')).status).toBe(409);
    });

    it('keeps the card frozen until the last of the alerts that froze it proves a false positive', async () => {
      const { holder, card } = await issued();
      const first = await frozenBy(holder, card);
      const second = alert(holder, card, { rule: 'card-testing' });
      await svc.handled(await send(FraudAlertRaisedV1, second));

      await svc.handled(await send(FraudAlertResolvedV1, resolution(first, 'false_positive')));
      expect(await stateOf(card)).toEqual(state('frozen', false, second.alertId));
      expect(await written(CardUnfrozenV1, first.alertId)).toBe(0);
      expect(await authorize(card)).toEqual(suspected);
      expect((await act(holder, card, 'unfreeze')).status).toBe(409);

      await send(FraudAlertResolvedV1, resolution(second, 'false_positive'));
      await recorded(CardUnfrozenV1, second.alertId);
      expect(await stateOf(card)).toEqual(state('active', false));
      // the card lets the payment through: it waits for the account's answer (no account service runs here)
      expect(await authorize(card)).toMatchObject({ status: 'pending' });
    });

    it('leaves a card its holder froze too frozen by its holder after a false positive', async () => {
      const { holder, card } = await issued();
      expect((await act(holder, card, 'freeze')).status).toBe(200);
      const raised = await frozenBy(holder, card);
      const sent = await send(FraudAlertResolvedV1, resolution(raised, 'false_positive'));
      await svc.handled(sent);

      expect(await stateOf(card)).toEqual(state('frozen', true));
      expect(await written(CardUnfrozenV1, raised.alertId)).toBe(0);
      // the freeze is the holder's again: CardFrozen names no alert
      expect((await causedBy(sent)).map((e) => [e.type, e.payload.reason, e.payload.alertId])).toEqual([
        ['CardFrozen', 'Fraud alert resolved as a false positive: still frozen by the card holder', null],
      ]);
      expect(await authorize(card)).toEqual(restricted);
      expect(await (await act(holder, card, 'unfreeze')).json()).toMatchObject({ status: 'active' });
      expect(await stateOf(card)).toEqual(state('active', false));
    });

    it('keeps the card frozen when another alert than the one that froze it proves a false positive', async () => {
      const { holder, card } = await issued();
      const raised = await frozenBy(holder, card);
      const other = alert(holder, card, { freezeCard: false });
      await send(FraudAlertRaisedV1, other);
      await svc.handled(await send(FraudAlertResolvedV1, resolution(other, 'false_positive')));

      expect(await stateOf(card)).toEqual(state('frozen', false, raised.alertId));
      expect(await written(CardUnfrozenV1, other.alertId)).toBe(0);
    });
  });
});
