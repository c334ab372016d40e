import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics, type EventEnvelope } from '@microbank/contracts';
import { FraudTestApp, HOUR, MINUTE, type AlertBody } from './fraud-test-app';

let app: FraudTestApp;

beforeAll(async () => {
  app = await FraudTestApp.start();
});

afterAll(async () => {
  await app?.stop();
});

// every test judges its own customer's events in event time, starting two days ago
const T0 = () => new Date(Date.now() - 48 * HOUR);
const after = (base: Date, ms: number) => new Date(base.getTime() + ms);

type Publish = () => Promise<EventEnvelope>;

/** Publishes the events in this order, waits until all are handled, then lists the customer's alerts. */
async function judged(userId: string, ...events: Publish[]): Promise<AlertBody[]> {
  const sent: EventEnvelope[] = [];
  for (const publish of events) sent.push(await publish());
  await app.handled(...sent);
  return app.alertsOf(userId);
}

/** Remembers the event a publish sent, for the assertions. */
function kept(publish: Publish): Publish & { event: () => EventEnvelope } {
  let sent: EventEnvelope | undefined;
  return Object.assign(async () => (sent = await publish()), { event: () => sent! });
}

function raisedEvent(alertId: string) {
  return app.alertEvents().find((e) => e.type === 'FraudAlertRaised' && e.payload.alertId === alertId);
}

describe('the fraud rules, each on a scripted sequence of events', () => {
  it('raises one high large-amount alert, freezing the account, for a debit at the threshold, and none for the next one that day', async () => {
    const account = await app.account();
    const t = T0();
    const big = kept(() => app.posting(account, t, { kind: 'withdrawal', direction: 'debit', amountMinor: '500000' }));
    const bigger = kept(() =>
      app.posting(account, after(t, HOUR), {
        kind: 'withdrawal',
        direction: 'debit',
        amountMinor: '900000',
      }),
    );
    const alerts = await judged(account.userId, big, bigger);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      rule: 'large-amount',
      severity: 'high',
      status: 'open',
      accountId: account.accountId,
      cardId: null,
      amount: { amountMinor: '500000', currency: 'EUR' },
      actions: { freezeCard: false, freezeAccount: true },
      evidence: [big.event().eventId],
      customer: { userId: account.userId, fullName: 'Test Customer' },
    });
    await expect
      .poll(() => raisedEvent(alerts[0]!.id)?.payload, { timeout: 30_000 })
      .toMatchObject({
        rule: 'large-amount',
        freezeAccount: true,
        accountId: account.accountId,
        userId: account.userId,
      });
  });

  it('lets a high match through the window of a medium one: the freeze is not hidden by a milder alert', async () => {
    const account = await app.account();
    const t = T0();
    const usual = Array.from(
      { length: 5 },
      (_, i) => () =>
        app.posting(account, after(t, i * HOUR), { kind: 'card_payment', direction: 'debit', amountMinor: '2000' }),
    );
    const unusual = () =>
      app.posting(account, after(t, 6 * HOUR), { kind: 'withdrawal', direction: 'debit', amountMinor: '50000' });
    const huge = () =>
      app.posting(account, after(t, 7 * HOUR), { kind: 'withdrawal', direction: 'debit', amountMinor: '600000' });
    const bigger = () =>
      app.posting(account, after(t, 8 * HOUR), { kind: 'withdrawal', direction: 'debit', amountMinor: '800000' });
    const alerts = await judged(account.userId, ...usual, unusual, huge, bigger);
    expect(alerts.map((a) => [a.rule, a.severity, a.actions.freezeAccount])).toEqual([
      ['large-amount', 'high', true],
      ['large-amount', 'medium', false],
    ]);
  });

  it("raises a medium large-amount alert for a debit far above the customer's last twenty", async () => {
    const account = await app.account();
    const t = T0();
    const usual = Array.from(
      { length: 20 },
      (_, i) => () =>
        app.posting(account, after(t, i * HOUR), {
          kind: 'card_payment',
          direction: 'debit',
          amountMinor: String(2_000 + (i % 5) * 500),
        }),
    );
    expect(await judged(account.userId, ...usual)).toEqual([]);
    const unusual = kept(() =>
      app.posting(account, after(t, 21 * HOUR), {
        kind: 'transfer_debit',
        direction: 'debit',
        amountMinor: '90000',
      }),
    );
    const alerts = await judged(account.userId, unusual);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ rule: 'large-amount', severity: 'medium', actions: { freezeAccount: false } });
    expect(alerts[0]!.evidence[0]).toBe(unusual.event().eventId);
    expect(alerts[0]!.evidence).toHaveLength(21);
  });

  it('raises nothing for ten authorizations on a card in ten minutes, and one medium velocity alert from the eleventh on', async () => {
    const account = await app.account();
    const card = randomUUID();
    const t = T0();
    const ten = Array.from(
      { length: 10 },
      (_, i) => () => app.attempt(account, card, after(t, i * 50_000), { amountMinor: '1500', country: 'FR' }),
    );
    expect(await judged(account.userId, ...ten)).toEqual([]);
    const more = [0, 1, 2].map(
      (i) => () => app.attempt(account, card, after(t, 9 * MINUTE + i * 1_000), { amountMinor: '1500', country: 'FR' }),
    );
    const alerts = await judged(account.userId, ...more);
    expect(alerts.map((a) => [a.rule, a.severity, a.cardId])).toEqual([['velocity', 'medium', card]]);
    expect(alerts[0]!.evidence).toHaveLength(11);
  });

  it('raises one high card-testing alert, freezing the card, for four tiny or declined attempts within minutes', async () => {
    const account = await app.account();
    const card = randomUUID();
    const t = T0();
    const probes = [
      () => app.attempt(account, card, t, { amountMinor: '100', country: 'FR' }),
      () => app.attempt(account, card, after(t, MINUTE), { amountMinor: '4500', country: 'FR', declined: true }),
      () => app.attempt(account, card, after(t, 2 * MINUTE), { amountMinor: '150', country: 'FR' }),
    ];
    expect(await judged(account.userId, ...probes)).toEqual([]);
    const fourth = () => app.attempt(account, card, after(t, 3 * MINUTE), { amountMinor: '99', country: 'FR' });
    const fifth = () => app.attempt(account, card, after(t, 4 * MINUTE), { amountMinor: '99', country: 'FR' });
    const alerts = await judged(account.userId, fourth, fifth);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      rule: 'card-testing',
      severity: 'high',
      cardId: card,
      actions: { freezeCard: true, freezeAccount: false },
    });
    expect(alerts[0]!.evidence).toHaveLength(4);
  });

  it('raises one high impossible-travel alert for a card used in France then Japan half an hour later', async () => {
    const account = await app.account();
    const card = randomUUID();
    const t = T0();
    const paris = kept(() => app.attempt(account, card, t, { amountMinor: '4200', country: 'FR' }));
    const lyon = kept(() => app.attempt(account, card, after(t, 2 * HOUR), { amountMinor: '1800', country: 'FR' }));
    const tokyo = kept(() =>
      app.attempt(account, card, after(t, 2 * HOUR + 30 * MINUTE), { amountMinor: '9900', country: 'JP' }),
    );
    const alerts = await judged(account.userId, paris, lyon, tokyo);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      rule: 'impossible-travel',
      severity: 'high',
      cardId: card,
      actions: { freezeCard: true },
      evidence: [lyon.event().eventId, tokyo.event().eventId],
    });
    expect(alerts[0]!.description).toMatch(/FR then in JP 30 minutes later/);
  });

  it('raises nothing for the same two countries a day apart', async () => {
    const account = await app.account();
    const card = randomUUID();
    const t = T0();
    const alerts = await judged(
      account.userId,
      () => app.attempt(account, card, t, { amountMinor: '4200', country: 'FR' }),
      () => app.attempt(account, card, after(t, 24 * HOUR), { amountMinor: '9900', country: 'JP' }),
    );
    expect(alerts).toEqual([]);
  });

  it('raises one high new-account-drain alert, freezing the account, when 85% of what came in leaves within hours', async () => {
    const t = T0();
    const account = await app.account({ openedAt: t });
    const alerts = await judged(
      account.userId,
      () => app.posting(account, after(t, HOUR), { kind: 'deposit', direction: 'credit', amountMinor: '100000' }),
      () =>
        app.posting(account, after(t, 2 * HOUR), { kind: 'transfer_debit', direction: 'debit', amountMinor: '50000' }),
      () => app.posting(account, after(t, 3 * HOUR), { kind: 'withdrawal', direction: 'debit', amountMinor: '35000' }),
      () => app.posting(account, after(t, 4 * HOUR), { kind: 'withdrawal', direction: 'debit', amountMinor: '10000' }),
    );
    expect(alerts.map((a) => [a.rule, a.severity, a.actions.freezeAccount])).toEqual([
      ['new-account-drain', 'high', true],
    ]);
    expect(alerts[0]!.amount).toEqual({ amountMinor: '85000', currency: 'EUR' });
  });

  it('raises one medium structuring alert for three deposits just under the reporting threshold within a day', async () => {
    const account = await app.account();
    const t = T0();
    const deposit = (at: Date, amountMinor: string) =>
      app.posting(account, at, { kind: 'deposit', direction: 'credit', amountMinor });
    expect(
      await judged(
        account.userId,
        () => deposit(t, '950000'),
        () => deposit(after(t, 3 * HOUR), '1000000'),
      ),
    ).toEqual([]);
    const alerts = await judged(
      account.userId,
      () => deposit(after(t, 6 * HOUR), '980000'),
      () => deposit(after(t, 9 * HOUR), '999900'),
      () => deposit(after(t, 10 * HOUR), '990000'),
    );
    expect(alerts.map((a) => [a.rule, a.severity])).toEqual([['structuring', 'medium']]);
    expect(alerts[0]!.amount).toEqual({ amountMinor: '2929900', currency: 'EUR' });
  });

  it('counts a redelivered posting once: two deposits delivered three times are not three deposits', async () => {
    const account = await app.account();
    const t = T0();
    const first = await app.posting(account, t, { kind: 'deposit', direction: 'credit', amountMinor: '950000' });
    const second = await app.posting(account, after(t, HOUR), {
      kind: 'deposit',
      direction: 'credit',
      amountMinor: '960000',
    });
    const again = await app.send(Topics.transactions, second);
    await app.handled(first, second, again);
    // a third, later event on the same key is handled after the redelivery: by then the duplicate was skipped
    const marker = await app.posting(account, after(t, 2 * HOUR), {
      kind: 'deposit',
      direction: 'credit',
      amountMinor: '100',
    });
    await app.handled(marker);
    expect(await app.alertsOf(account.userId)).toEqual([]);
    const rows = await app.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM account_posting WHERE account_id = $1',
      [account.accountId],
    );
    expect(rows.rows[0]?.n).toBe(3);
  });
});
