import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountFrozenV1,
  AccountUnfrozenV1,
  FraudAlertRaisedV1,
  FraudAlertResolvedV1,
  Topics,
  createEvent,
  deadLetterTopicOf,
  type AlertResolution,
  type EventDefinition,
  type EventEnvelope,
  type PayloadOf,
} from '@microbank/contracts';
import { DeadLetterHeaders, headerText } from '@microbank/messaging';
import { waitFor } from '@microbank/testing';
import { AccountTestApp, type AccountJson, type TestUser } from './account-test-app';

type Raised = PayloadOf<typeof FraudAlertRaisedV1>;
type Resolved = PayloadOf<typeof FraudAlertResolvedV1>;
type Freeze = PayloadOf<typeof AccountFrozenV1>;

const eur = (amountMinor: string) => ({ amountMinor, currency: 'EUR' as const });

describe('fraud freezes', () => {
  let svc: AccountTestApp;

  beforeAll(async () => {
    svc = await AccountTestApp.start();
  });

  afterAll(() => svc?.stop());

  async function funded(amountMinor: string): Promise<{ user: TestUser; account: AccountJson }> {
    const user = await svc.user();
    const account = await svc.openSavings(user, 'EUR');
    expect((await deposit(user, account, amountMinor)).status).toBe(201);
    return { user, account };
  }

  const deposit = (user: TestUser, account: AccountJson, amountMinor: string) =>
    svc.move(`/v1/accounts/${account.id}/deposits`, user, eur(amountMinor));
  const withdraw = (user: TestUser, account: AccountJson, amountMinor: string) =>
    svc.move(`/v1/accounts/${account.id}/withdrawals`, user, eur(amountMinor));

  const alert = (account: Pick<AccountJson, 'id' | 'userId'>, overrides: Partial<Raised> = {}): Raised => ({
    alertId: randomUUID(),
    rule: 'large-amount',
    severity: 'high',
    score: 95,
    description: 'Withdrawal of 9,000.00 EUR is above the 5,000.00 EUR single-transaction limit',
    userId: account.userId,
    accountId: account.id,
    cardId: null,
    evidence: [randomUUID()],
    amount: eur('900000'),
    freezeCard: false,
    freezeAccount: true,
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
  function send<P extends { accountId: string }>(
    definition: EventDefinition<string, number, P>,
    payload: P,
  ): Promise<EventEnvelope<string, number, P>> {
    const event = createEvent(definition, payload.accountId, payload, { source: 'fraud', correlationId: randomUUID() });
    return svc.publish(definition.topic, event);
  }

  /** Resolves once the service has handled `event`: its inbox row commits with whatever the handler wrote. */
  const handled = (event: EventEnvelope) =>
    waitFor(
      async () =>
        (await svc.db.query(`SELECT 1 FROM inbox_event WHERE event_id = $1::uuid`, [event.eventId])).rowCount === 1,
      { timeoutMs: 30_000, what: `${event.type} ${event.eventId} handled` },
    );

  /** The freeze events of `definition` the service wrote for one alert (its outbox: published or about to be). */
  async function written(definition: EventDefinition<string, number, Freeze>, alertId: string): Promise<number> {
    const { rowCount } = await svc.db.query(
      `SELECT 1 FROM outbox_event WHERE event_type = $1 AND envelope->'payload'->>'alertId' = $2`,
      [definition.type, alertId],
    );
    return rowCount ?? 0;
  }

  /** The event of `definition` on banking.accounts naming this alert, once the relay published it. */
  const recorded = (definition: EventDefinition<string, number, Freeze>, alertId: string) =>
    waitFor(
      () =>
        svc
          .events<Freeze>(Topics.accounts)
          .find((e) => e.type === definition.type && e.version === definition.version && e.payload.alertId === alertId),
      { timeoutMs: 30_000, what: `${definition.type} for alert ${alertId}` },
    );

  const statusOf = async (user: TestUser, account: AccountJson) => (await svc.account(user, account.id)).status;

  /** The open alerts that froze the account, in the order they did. */
  async function alertsOf(account: AccountJson): Promise<string[]> {
    const { rows } = await svc.db.query<{ frozen_alert_ids: string[] }>(
      `SELECT frozen_alert_ids FROM account WHERE id = $1`,
      [account.id],
    );
    return rows[0]!.frozen_alert_ids;
  }

  async function frozenBy(account: AccountJson): Promise<Raised> {
    const raised = alert(account);
    await send(FraudAlertRaisedV1, raised);
    await recorded(AccountFrozenV1, raised.alertId);
    return raised;
  }

  describe('a raised alert', () => {
    it('freezes the account it asks to freeze and says so with AccountFrozen naming the alert', async () => {
      const { user, account } = await funded('5000');
      const raised = alert(account);
      const sent = await send(FraudAlertRaisedV1, raised);

      const frozen = await recorded(AccountFrozenV1, raised.alertId);
      expect(frozen).toMatchObject({
        version: 1,
        source: 'account',
        aggregateId: account.id,
        correlationId: sent.correlationId,
        causationId: sent.eventId,
      });
      expect(AccountFrozenV1.payload.parse(frozen.payload)).toEqual({
        accountId: account.id,
        reason: `Fraud alert: ${raised.description}`,
        alertId: raised.alertId,
      });
      const message = svc.recorder.messages.find((m) => m.value?.includes(frozen.eventId));
      expect(message?.key).toBe(account.id);
      expect(await statusOf(user, account)).toBe('frozen');
    });

    it('refuses withdrawals from the frozen account but still takes deposits', async () => {
      const { user, account } = await funded('5000');
      await frozenBy(account);

      const withdrawal = await withdraw(user, account, '100');
      expect(withdrawal.status).toBe(409);
      expect(await withdrawal.json()).toMatchObject({ type: 'https://microbank.dev/problems/account-frozen' });
      expect((await deposit(user, account, '100')).status).toBe(201);
      expect((await svc.account(user, account.id)).balance.amountMinor).toBe('5100');
    });

    it('changes nothing for an alert that does not ask to freeze the account', async () => {
      const { user, account } = await funded('5000');
      const raised = alert(account, { severity: 'medium', freezeAccount: false });
      await handled(await send(FraudAlertRaisedV1, raised));

      expect(await statusOf(user, account)).toBe('active');
      expect(await written(AccountFrozenV1, raised.alertId)).toBe(0);
      expect((await withdraw(user, account, '100')).status).toBe(201);
    });

    it('freezes once and publishes one AccountFrozen for an alert delivered twice', async () => {
      const { user, account } = await funded('5000');
      const raised = alert(account);
      const sent = await send(FraudAlertRaisedV1, raised);
      await svc.publish(Topics.alerts, sent); // the same event again
      // handled after both (same key, same partition): once it is, the redelivery was too
      await handled(await send(FraudAlertRaisedV1, alert(account, { freezeAccount: false })));

      await recorded(AccountFrozenV1, raised.alertId);
      expect(await written(AccountFrozenV1, raised.alertId)).toBe(1);
      expect(await statusOf(user, account)).toBe('frozen');
    });

    it('remembers a second alert on a frozen account, and publishes nothing for it', async () => {
      const { user, account } = await funded('5000');
      const first = await frozenBy(account);
      const second = alert(account, { rule: 'velocity' });
      await handled(await send(FraudAlertRaisedV1, second));

      expect(await written(AccountFrozenV1, second.alertId)).toBe(0);
      expect(await alertsOf(account)).toEqual([first.alertId, second.alertId]);
      expect(await statusOf(user, account)).toBe('frozen');
    });

    it('leaves an account frozen without an alert to whatever froze it', async () => {
      const { user, account } = await funded('5000');
      // as before alerts were recorded, or by hand
      await svc.db.query(`UPDATE account SET status = 'frozen' WHERE id = $1`, [account.id]);
      const raised = alert(account);
      await handled(await send(FraudAlertRaisedV1, raised));
      expect(await written(AccountFrozenV1, raised.alertId)).toBe(0);
      expect(await alertsOf(account)).toEqual([]);

      // so no alert's false positive lifts that freeze
      await handled(await send(FraudAlertResolvedV1, resolution(raised, 'false_positive')));
      expect(await written(AccountUnfrozenV1, raised.alertId)).toBe(0);
      expect(await statusOf(user, account)).toBe('frozen');
    });

    it('refuses an alert recorded on an active account: an open alert always freezes', async () => {
      const { account } = await funded('5000');
      await expect(
        svc.db.query(`UPDATE account SET frozen_alert_ids = ARRAY[gen_random_uuid()] WHERE id = $1`, [account.id]),
      ).rejects.toThrow(/account_frozen_while_alerted/);
    });

    it('cuts the reason of a long description to the 500 characters AccountFrozen allows', async () => {
      const { account } = await funded('5000');
      const raised = alert(account, { description: 'x'.repeat(500) });
      await send(FraudAlertRaisedV1, raised);

      const frozen = await recorded(AccountFrozenV1, raised.alertId);
      expect(frozen.payload.reason).toHaveLength(500);
      expect(AccountFrozenV1.payload.safeParse(frozen.payload).success).toBe(true);
    });

    it('dead-letters an alert about an account it does not know', async () => {
      const stranger = { id: randomUUID(), userId: randomUUID() };
      const sent = await send(FraudAlertRaisedV1, alert(stranger));

      const deadLetterTopic = svc.topics.of(deadLetterTopicOf(Topics.alerts));
      const deadLetter = await waitFor(
        () => svc.recorder.messages.find((m) => m.topic === deadLetterTopic && m.value?.includes(sent.eventId)),
        { timeoutMs: 30_000, what: `the dead letter of alert ${sent.payload.alertId}` },
      );
      expect(deadLetter.key).toBe(stranger.id);
      expect(headerText(deadLetter.headers, DeadLetterHeaders.reason)).toBe('rejected');
      expect(headerText(deadLetter.headers, DeadLetterHeaders.error)).toContain(stranger.id);
    });
  });

  describe('a resolved alert', () => {
    it('unfreezes the account after a false positive and says so with AccountUnfrozen naming the alert', async () => {
      const { user, account } = await funded('5000');
      const raised = await frozenBy(account);
      expect((await withdraw(user, account, '100')).status).toBe(409);
      const sent = await send(FraudAlertResolvedV1, resolution(raised, 'false_positive'));

      const unfrozen = await recorded(AccountUnfrozenV1, raised.alertId);
      expect(unfrozen).toMatchObject({
        source: 'account',
        aggregateId: account.id,
        correlationId: sent.correlationId,
        causationId: sent.eventId,
      });
      expect(AccountUnfrozenV1.payload.parse(unfrozen.payload)).toEqual({
        accountId: account.id,
        reason: 'Fraud alert resolved as a false positive',
        alertId: raised.alertId,
      });
      expect(await statusOf(user, account)).toBe('active');
      expect(await alertsOf(account)).toEqual([]);
      expect((await withdraw(user, account, '100')).status).toBe(201);
    });

    it('keeps the account frozen when the fraud is confirmed', async () => {
      const { user, account } = await funded('5000');
      const raised = await frozenBy(account);
      await handled(await send(FraudAlertResolvedV1, resolution(raised, 'confirmed_fraud')));

      expect(await statusOf(user, account)).toBe('frozen');
      expect(await written(AccountUnfrozenV1, raised.alertId)).toBe(0);
      expect((await withdraw(user, account, '100')).status).toBe(409);
    });

    it('keeps the account frozen until the last of the alerts that froze it proves a false positive', async () => {
      const { user, account } = await funded('5000');
      const first = await frozenBy(account);
      const second = alert(account, { rule: 'velocity' });
      await handled(await send(FraudAlertRaisedV1, second));

      await handled(await send(FraudAlertResolvedV1, resolution(first, 'false_positive')));
      expect(await statusOf(user, account)).toBe('frozen');
      expect(await alertsOf(account)).toEqual([second.alertId]);
      expect(await written(AccountUnfrozenV1, first.alertId)).toBe(0);
      expect((await withdraw(user, account, '100')).status).toBe(409);

      await send(FraudAlertResolvedV1, resolution(second, 'false_positive'));
      await recorded(AccountUnfrozenV1, second.alertId);
      expect(await statusOf(user, account)).toBe('active');
      expect(await alertsOf(account)).toEqual([]);
      expect((await withdraw(user, account, '100')).status).toBe(201);
    });

    it('keeps the account frozen when another alert than the one that froze it proves a false positive', async () => {
      const { user, account } = await funded('5000');
      await frozenBy(account);
      const other = alert(account, { freezeAccount: false });
      await send(FraudAlertRaisedV1, other);
      await handled(await send(FraudAlertResolvedV1, resolution(other, 'false_positive')));

      expect(await statusOf(user, account)).toBe('frozen');
      expect(await written(AccountUnfrozenV1, other.alertId)).toBe(0);
      expect((await withdraw(user, account, '100')).status).toBe(409);
    });
  });
});
