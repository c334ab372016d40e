import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SseStream } from './sse-stream';
import { waitUntil } from './wait-until';

/** Where the walk finds the services: their published base URLs. */
export interface BankUrls {
  readonly user: string;
  readonly account: string;
  readonly card: string;
  readonly fraud: string;
}

export interface BankSecrets {
  readonly analystPassword: string;
  readonly cardNetworkKey: string;
}

interface Money {
  amountMinor: string;
  currency: string;
}

interface IssuedCard {
  id: string;
  pan: string;
  expiry: string;
  cvc: string;
}

interface Alert {
  rule: string;
  severity: string;
  customer: { userId: string };
}

/** What one walk saw, for the report. */
export interface WalkResult {
  readonly userId: string;
  readonly alertRule: string;
  readonly alertSeconds: number;
}

const ANALYST_EMAIL = 'analyst@microbank.local';

/**
 * README's "Call the API" and "Watch fraud alerts stream in", as a customer, the card network and the analyst:
 * signup → login → current account → deposit → card → payment in London (the hold shows on the account) →
 * payment in Tokyo a moment later → the impossible-travel alert on the fraud service's stream.
 */
export class BankWalk {
  constructor(
    private readonly urls: BankUrls,
    private readonly secrets: BankSecrets,
  ) {}

  async run(customer: string, progress: (line: string) => void): Promise<WalkResult> {
    const email = `${customer}-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'correct horse battery';
    const signup = await this.call<{ id: string }>('POST', `${this.urls.user}/v1/users`, {
      body: { email, password, fullName: `Ada ${customer}`, country: 'GB' },
    });
    assert.equal(signup.status, 201, `signup: ${signup.text}`);
    const userId = signup.body.id;
    const token = await this.login(email, password);
    progress(`signed up and logged in as ${email}`);

    // the account service opens the current account when it consumes UserSignedUp
    const account = await waitUntil(
      async () => {
        const list = await this.call<{ items: { id: string }[] }>('GET', `${this.urls.account}/v1/accounts`, { token });
        return list.body.items?.[0];
      },
      { timeoutMs: 60_000, what: 'the current account to be opened from UserSignedUp' },
    );
    const deposit = await this.call('POST', `${this.urls.account}/v1/accounts/${account.id}/deposits`, {
      token,
      key: randomUUID(),
      body: { amountMinor: '10000', currency: 'GBP' },
    });
    assert.equal(deposit.status, 201, `deposit: ${deposit.text}`);
    progress(`account ${account.id}: deposited 100.00 GBP`);

    // the card service learns the account from AccountOpened: until then it answers 404
    const card = await waitUntil(
      async () => {
        const issued = await this.call<IssuedCard>('POST', `${this.urls.card}/v1/cards`, {
          token,
          body: { accountId: account.id },
        });
        return issued.status === 201 ? issued.body : undefined;
      },
      { timeoutMs: 60_000, what: 'a card to be issued on the account' },
    );
    progress(`card ${card.id} issued`);

    const analyst = await this.login(ANALYST_EMAIL, this.secrets.analystPassword);
    const stream = await SseStream.open(`${this.urls.fraud}/v1/alerts/stream`, { authorization: `Bearer ${analyst}` });
    try {
      assert.equal(stream.status, 200, 'the analyst opens the alert stream');
      const london = await this.pay(card, '1500', { name: 'Corner Books', categoryCode: '5942', country: 'GB' });
      // 201 approved within the card service's wait; 202 when the account's answer comes later (as while a broker's
      // partitions move to another leader): then the hold below shows it was approved after all
      assert.ok([201, 202].includes(london.status), `the payment in London is approved: ${london.text}`);
      const view = await waitUntil(
        async () => {
          const got = await this.call<{ balance: Money; available: Money }>(
            'GET',
            `${this.urls.account}/v1/accounts/${account.id}`,
            { token },
          );
          return got.body.available?.amountMinor === '8500' ? got.body : undefined;
        },
        { timeoutMs: 30_000, what: 'the hold of 15.00 to show as available 85.00' },
      );
      assert.equal(view.balance.amountMinor, '10000', 'a hold leaves the balance');
      progress(`paid 15.00 at Corner Books, London: ${london.status}, then balance 100.00, available 85.00`);

      const paidInTokyo = Date.now();
      const tokyo = await this.pay(card, '4000', { name: 'Shibuya Books', categoryCode: '5942', country: 'JP' });
      assert.ok([201, 202, 402].includes(tokyo.status), `the network gets an answer from Tokyo: ${tokyo.text}`);
      progress(`paid 40.00 at Shibuya Books, Tokyo: ${tokyo.status}`);
      const alert = await waitUntil(
        () =>
          stream.events
            .filter((event) => event.event === 'alert')
            .map((event) => JSON.parse(event.data) as Alert)
            .find((a) => a.customer.userId === userId && a.rule === 'impossible-travel'),
        { timeoutMs: 30_000, what: `an impossible-travel alert for ${userId} on the analyst's stream` },
      );
      const alertSeconds = (Date.now() - paidInTokyo) / 1000;
      assert.equal(alert.severity, 'high');
      progress(`the stream showed a ${alert.severity} ${alert.rule} alert ${alertSeconds.toFixed(1)}s later`);
      return { userId, alertRule: alert.rule, alertSeconds };
    } finally {
      stream.close();
    }
  }

  private async login(email: string, password: string): Promise<string> {
    const login = await this.call<{ accessToken: string }>('POST', `${this.urls.user}/v1/auth/login`, {
      body: { email, password },
    });
    assert.equal(login.status, 200, `login as ${email}: ${login.text}`);
    return login.body.accessToken;
  }

  /** An authorization as the card network sends it: with its own key, not a customer's token. */
  private pay(
    card: IssuedCard,
    amountMinor: string,
    merchant: { name: string; categoryCode: string; country: string },
  ) {
    return this.call('POST', `${this.urls.card}/v1/card-authorizations`, {
      bearer: this.secrets.cardNetworkKey,
      key: randomUUID(),
      body: { pan: card.pan, expiry: card.expiry, cvc: card.cvc, amountMinor, currency: 'GBP', merchant },
    });
  }

  private async call<T = unknown>(
    method: string,
    url: string,
    options: { token?: string; bearer?: string; key?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: T; text: string }> {
    const headers: Record<string, string> = {};
    const bearer = options.token ?? options.bearer;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (options.key) headers['idempotency-key'] = options.key;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, text };
  }
}
