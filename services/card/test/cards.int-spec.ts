import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Currency } from '@microbank/contracts';
import { waitFor } from '@microbank/testing';
import { isLuhnValid } from '../src/cards/luhn';
import { CardTestApp, TEST_BIN, type TestCustomer } from './card-test-app';

interface CardJson {
  id: string;
  accountId: string;
  maskedPan: string;
  last4: string;
  expiresOn: string;
  status: string;
  limits: { perAuthorization: { amountMinor: string; currency: string }; perDay: { amountMinor: string } };
  pan?: string;
  cvc?: string;
  expiry?: string;
}

describe('cards over HTTP', () => {
  let svc: CardTestApp;

  beforeAll(async () => {
    svc = await CardTestApp.start();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const issue = async (customer: TestCustomer, accountId: string) =>
    svc.request('POST', '/v1/cards', { token: customer.token, body: { accountId } });

  const issued = async (customer: TestCustomer, currency: Currency = 'EUR'): Promise<CardJson> => {
    const response = await issue(customer, await svc.accountOpened(customer.userId, currency));
    expect(response.status).toBe(201);
    return (await response.json()) as CardJson;
  };

  it('issues a Luhn-valid card in the test BIN on an account learned from AccountOpened, showing the PAN once', async () => {
    const customer = await svc.customer();
    const accountId = await svc.accountOpened(customer.userId);

    const response = await issue(customer, accountId);
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const card = (await response.json()) as CardJson;
    expect(card.pan).toMatch(new RegExp(`^${TEST_BIN}\\d{10}$`));
    expect(isLuhnValid(card.pan!)).toBe(true);
    expect(card.cvc).toMatch(/^\d{3}$/);
    expect(card.expiry).toMatch(/^(0[1-9]|1[0-2])\/\d{2}$/);
    expect(card).toMatchObject({
      accountId,
      last4: card.pan!.slice(-4),
      maskedPan: `•••• •••• •••• ${card.pan!.slice(-4)}`,
      status: 'active',
      limits: { perAuthorization: { amountMinor: '100000', currency: 'EUR' }, perDay: { amountMinor: '250000' } },
    });

    const again = (await (
      await svc.request('GET', `/v1/cards/${card.id}`, { token: customer.token })
    ).json()) as CardJson;
    expect(again).not.toHaveProperty('pan');
    expect(again).not.toHaveProperty('cvc');
    expect(again.maskedPan).toBe(card.maskedPan);
    const list = (await (await svc.request('GET', '/v1/cards', { token: customer.token })).json()) as {
      items: CardJson[];
    };
    expect(list.items.map((c) => c.id)).toEqual([card.id]);
  });

  it('stores and publishes neither the PAN nor the CVC: only the last four digits and a keyed hash', async () => {
    const customer = await svc.customer();
    const card = await issued(customer);

    const dump = await svc.db.query<{ row: string }>('SELECT row_to_json(c)::text AS row FROM card c WHERE id = $1', [
      card.id,
    ]);
    expect(dump.rows[0]!.row).not.toContain(card.pan);
    expect(dump.rows[0]!.row).not.toContain(card.pan!.slice(0, 12));
    const hash = createHmac('sha256', svc.config.CARD_PAN_KEY).update(card.pan!).digest('hex');
    expect(dump.rows[0]!.row).toContain(hash);
    const outbox = await svc.db.query<{ envelope: string }>('SELECT envelope::text FROM outbox_event');
    for (const { envelope } of outbox.rows) expect(envelope).not.toContain(card.pan);

    const event = await waitFor(() => svc.cardEvents().find((e) => e.payload.cardId === card.id), {
      timeoutMs: 30_000,
      what: 'CardIssued on banking.cards',
    });
    expect(event).toMatchObject({
      type: 'CardIssued',
      aggregateId: card.id,
      payload: { cardId: card.id, accountId: card.accountId, userId: customer.userId, last4: card.last4 },
    });
    expect(JSON.stringify(event)).not.toContain(card.pan);
    expect(JSON.stringify(event)).not.toContain(`"${card.cvc}"`);
  });

  it("answers 404 alike for an account it has not heard of and for another customer's", async () => {
    const [alice, bob] = [await svc.customer(), await svc.customer()];
    const bobsAccount = await svc.accountOpened(bob.userId);

    const unknown = await issue(alice, '9c0b7d4e-5f6a-4b8c-9d0e-1f2a3b4c5d6e');
    const foreign = await issue(alice, bobsAccount);
    expect(unknown.status).toBe(404);
    expect(foreign.status).toBe(404);
    // the same problem, apart from the request it answered
    const withoutCorrelation = async (response: Response) => ({
      ...((await response.json()) as Record<string, unknown>),
      correlationId: undefined,
    });
    expect(await withoutCorrelation(foreign)).toEqual(await withoutCorrelation(unknown));

    const analyst = await svc.customer('analyst');
    expect((await issue(analyst, bobsAccount)).status).toBe(403);
    expect((await svc.request('POST', '/v1/cards', { token: alice.token, body: { accountId: 'x' } })).status).toBe(422);
  });

  it('refuses a card on an account its events say is frozen', async () => {
    const customer = await svc.customer();
    const accountId = await svc.accountOpened(customer.userId);
    await svc.accountFrozen(accountId);

    const response = await issue(customer, accountId);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { type: string }).type).toMatch(/account-frozen$/);
  });

  it('lets the holder freeze, unfreeze and cancel for good, with one event per change', async () => {
    const customer = await svc.customer();
    const card = await issued(customer);
    const act = (action: string) => svc.request('POST', `/v1/cards/${card.id}/${action}`, { token: customer.token });

    expect(await (await act('freeze')).json()).toMatchObject({ status: 'frozen' });
    expect(await (await act('freeze')).json()).toMatchObject({ status: 'frozen' }); // already so: no new event
    expect(await (await act('unfreeze')).json()).toMatchObject({ status: 'active' });
    expect(await (await act('cancel')).json()).toMatchObject({ status: 'cancelled' });
    const afterCancel = await act('unfreeze');
    expect(afterCancel.status).toBe(409);

    const stranger = await svc.customer();
    expect((await svc.request('POST', `/v1/cards/${card.id}/freeze`, { token: stranger.token })).status).toBe(404);

    const types = await waitFor(
      () => {
        const seen = svc
          .cardEvents()
          .filter((e) => e.aggregateId === card.id)
          .map((e) => e.type);
        return seen.length >= 4 ? seen : undefined;
      },
      { timeoutMs: 30_000, what: "the card's four events" },
    );
    expect(types).toEqual(['CardIssued', 'CardFrozen', 'CardUnfrozen', 'CardCancelled']);
  });

  it('sets limits within the bank maximums, in minor units of the card currency', async () => {
    const customer = await svc.customer();
    const card = await issued(customer, 'JPY');
    const setLimits = (body: object) =>
      svc.request('PUT', `/v1/cards/${card.id}/limits`, { token: customer.token, body });

    expect(card.limits.perAuthorization).toEqual({ amountMinor: '1000', currency: 'JPY' });
    const ok = await setLimits({ perAuthorizationMinor: '5000', perDayMinor: '20000' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ limits: { perAuthorization: { amountMinor: '5000' } } });

    const tooHigh = await setLimits({ perAuthorizationMinor: '10001', perDayMinor: '20001' });
    expect(tooHigh.status).toBe(422);
    expect(((await tooHigh.json()) as { errors: { field: string; rule: string }[] }).errors).toEqual([
      expect.objectContaining({ field: 'perAuthorizationMinor', rule: 'above_bank_maximum' }),
      expect.objectContaining({ field: 'perDayMinor', rule: 'above_bank_maximum' }),
    ]);
    const inverted = await setLimits({ perAuthorizationMinor: '300', perDayMinor: '200' });
    expect(((await inverted.json()) as { errors: { rule: string }[] }).errors).toEqual([
      expect.objectContaining({ rule: 'above_daily_limit' }),
    ]);
    expect((await setLimits({ perAuthorizationMinor: '1.5', perDayMinor: '200' })).status).toBe(422);

    const changed = await waitFor(
      () => svc.cardEvents().find((e) => e.aggregateId === card.id && e.type === 'CardLimitsChanged'),
      { timeoutMs: 30_000, what: 'CardLimitsChanged' },
    );
    expect(changed.payload).toMatchObject({
      perAuthorization: { amountMinor: '5000', currency: 'JPY' },
      perDay: { amountMinor: '20000', currency: 'JPY' },
    });
  });

  it('shows an analyst every card and lets them change none; a customer sees only their own', async () => {
    const [holder, other, analyst] = [await svc.customer(), await svc.customer(), await svc.customer('analyst')];
    const card = await issued(holder);

    expect((await svc.request('GET', `/v1/cards/${card.id}`, { token: analyst.token })).status).toBe(200);
    const byHolder = (await (
      await svc.request('GET', `/v1/cards?userId=${holder.userId}`, { token: analyst.token })
    ).json()) as { items: CardJson[] };
    expect(byHolder.items.map((c) => c.id)).toEqual([card.id]);
    for (const action of ['freeze', 'unfreeze', 'cancel']) {
      expect((await svc.request('POST', `/v1/cards/${card.id}/${action}`, { token: analyst.token })).status).toBe(403);
    }
    expect(
      (
        await svc.request('PUT', `/v1/cards/${card.id}/limits`, {
          token: analyst.token,
          body: { perAuthorizationMinor: '100', perDayMinor: '200' },
        })
      ).status,
    ).toBe(403);

    expect((await svc.request('GET', `/v1/cards/${card.id}`, { token: other.token })).status).toBe(404);
    const snooping = (await (
      await svc.request('GET', `/v1/cards?userId=${holder.userId}`, { token: other.token })
    ).json()) as { items: CardJson[] };
    expect(snooping.items).toEqual([]);
  });
});
