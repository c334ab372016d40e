import { BankClient, type Reply, type RequestInit, type ServiceName } from './bank-client';
import { CannotRunError } from './cannot-run.error';
import type { PlannedCustomer } from './plan';
import { CARD_LIMITS_MAJOR, minor } from './world';

export interface IssuedCard {
  readonly id: string;
  readonly pan: string;
  readonly expiry: string;
  readonly cvc: string;
}

const PASSWORD = 'a simulated customer password';
// signing up and logging in run scrypt: a few seconds each when the machine is busy
const PASSWORD_CALL_TIMEOUT_MS = 30_000;

/** One simulated customer, signed up and logged in, with the account the bank opened (and a card, if needed). */
export class CustomerSession {
  card: IssuedCard | null = null;

  private constructor(
    readonly plan: PlannedCustomer,
    readonly email: string,
    readonly userId: string,
    readonly account: { id: string; iban: string },
    private token: string,
    private readonly bank: BankClient,
  ) {}

  /** Signs up, logs in and waits for the account the account service opens from UserSignedUp. */
  static async open(
    bank: BankClient,
    plan: PlannedCustomer,
    runId: string,
    timeoutMs: number,
  ): Promise<CustomerSession> {
    const email = `sim-${runId}-${plan.index}@simulator.microbank.local`;
    const signup = await bank.call<{ id: string }>('user', 'POST', '/v1/users', {
      body: { email, password: PASSWORD, fullName: plan.fullName, country: plan.country },
      timeoutMs: PASSWORD_CALL_TIMEOUT_MS,
    });
    if (signup.status === 429) {
      throw new CannotRunError(
        'the user service refused more signups from this address (429): it allows SIGNUPS_PER_ADDRESS (default 10) ' +
          'per 15 minutes. Run with fewer --customers, or start the user service with SIGNUPS_PER_ADDRESS=1000.',
      );
    }
    if (signup.status !== 201) throw new CannotRunError(`signing up ${email} answered ${signup.status}`);
    const token = await login(bank, email);
    const account = await until(timeoutMs, `the account of ${email}`, async () => {
      const reply = await bank.call<{ items: { id: string; iban: string }[] }>('account', 'GET', '/v1/accounts', {
        bearer: token,
      });
      return reply.body.items?.[0];
    });
    return new CustomerSession(plan, email, signup.body.id, account, token, bank);
  }

  /** A card on the account, with the bank's maximum limits; the card service learns the account from Kafka. */
  async issueCard(timeoutMs: number): Promise<void> {
    const card = await until(timeoutMs, `a card for ${this.email}`, async () => {
      const reply = await this.call<IssuedCard>('card', 'POST', '/v1/cards', { body: { accountId: this.account.id } });
      // 404 until the card service has consumed AccountOpened
      return reply.status === 201 ? reply.body : undefined;
    });
    const { perAuthorization, perDay } = limitsIn(this.plan);
    const limits = await this.call('card', 'PUT', `/v1/cards/${card.id}/limits`, {
      body: { perAuthorizationMinor: perAuthorization, perDayMinor: perDay },
    });
    if (limits.status !== 200)
      throw new CannotRunError(`setting the limits of ${this.email}'s card answered ${limits.status}`);
    this.card = card;
  }

  /** A call as this customer; a token that expired during a long run is renewed once. */
  async call<T = unknown>(
    service: ServiceName,
    method: string,
    path: string,
    init: RequestInit = {},
  ): Promise<Reply<T>> {
    const reply = await this.bank.call<T>(service, method, path, { ...init, bearer: this.token });
    if (reply.status !== 401) return reply;
    this.token = await login(this.bank, this.email);
    return this.bank.call<T>(service, method, path, { ...init, bearer: this.token });
  }
}

async function login(bank: BankClient, email: string): Promise<string> {
  const reply = await bank.call<{ accessToken: string }>('user', 'POST', '/v1/auth/login', {
    body: { email, password: PASSWORD },
    timeoutMs: PASSWORD_CALL_TIMEOUT_MS,
  });
  if (reply.status !== 200) throw new CannotRunError(`logging in ${email} answered ${reply.status}`);
  return reply.body.accessToken;
}

function limitsIn({ currency }: PlannedCustomer): { perAuthorization: string; perDay: string } {
  return {
    perAuthorization: String(minor(CARD_LIMITS_MAJOR.perAuthorization, currency)),
    perDay: String(minor(CARD_LIMITS_MAJOR.perDay, currency)),
  };
}

/** Polls `probe` every 200 ms until it returns something, for at most `timeoutMs`. */
export async function until<T>(timeoutMs: number, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new CannotRunError(`${what} did not appear within ${timeoutMs / 1_000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
