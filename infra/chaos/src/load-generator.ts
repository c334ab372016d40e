import { randomUUID } from 'node:crypto';
import { signTestToken } from '@microbank/testing';
import type { ChaosWorld } from './chaos-world';

interface Customer {
  readonly userId: string;
  readonly token: string;
  readonly accountId: string;
  readonly iban: string;
}

type Operation =
  | { readonly kind: 'deposit' | 'withdrawal'; readonly customer: Customer; readonly amount: bigint }
  | { readonly kind: 'transfer'; readonly customer: Customer; readonly to: Customer; readonly amount: bigint };

export interface LoadCounts {
  /** Requests answered 2xx (after as many retries with the same Idempotency-Key as it took). */
  readonly accepted: number;
  /** Requests refused for good with a 4xx, e.g. insufficient funds. */
  readonly refused: number;
  /** Requests still without a final answer when their retry budget ran out: their outcome is unknown. */
  readonly unknown: number;
  /** Attempts that failed and were retried (no answer, 503, 409 in flight). */
  readonly retries: number;
  /** 500 answers: an error the service did not expect (an outage should be a 503 the client may retry). */
  readonly internalErrors: number;
}

const OPENING_DEPOSIT = 1_000_000n;
// how long a client keeps retrying one request with the same Idempotency-Key before it gives up
const RETRY_BUDGET_MS = 120_000;

/**
 * Customers moving money as a careful client does: every request has an Idempotency-Key, and a request that
 * fails without a final answer (the service or its database gone, 5xx, 409 in flight) is retried with the same
 * key and body until it gets one. Remembers what the clients were told, for the audit.
 */
export class LoadGenerator {
  /** Transaction ids the service confirmed with a 2xx. */
  readonly confirmed = new Set<string>();
  /** Net money the clients were told went in: deposits − withdrawals, including the opening deposits. */
  confirmedNetDeposits = 0n;
  /** When the newest successful attempt was sent: the service answered something sent at that moment. */
  lastSuccessSentAt = 0;
  private counts = { accepted: 0, refused: 0, unknown: 0, retries: 0, internalErrors: 0 };
  private running: Promise<void>[] = [];
  private stopping = false;

  private constructor(
    private readonly world: ChaosWorld,
    private readonly customers: readonly Customer[],
  ) {}

  /** Opens a funded EUR account for each of `count` customers. */
  static async prepare(world: ChaosWorld, count: number): Promise<LoadGenerator> {
    const customers: Customer[] = [];
    for (let i = 0; i < count; i++) {
      const userId = randomUUID();
      const token = await signTestToken(world.keys.privateKey, {
        userId,
        email: `${userId}@chaos.microbank.local`,
        role: 'customer',
      });
      const response = await fetch(`${world.url}/v1/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ currency: 'EUR' }),
      });
      if (response.status !== 201) throw new Error(`opening an account: ${response.status} ${await response.text()}`);
      const account = (await response.json()) as { id: string; iban: string };
      customers.push({ userId, token, accountId: account.id, iban: account.iban });
    }
    const load = new LoadGenerator(world, customers);
    for (const customer of customers) {
      const outcome = await load.perform({ kind: 'deposit', customer, amount: OPENING_DEPOSIT });
      if (outcome !== 'accepted') throw new Error(`the opening deposit was ${outcome}`);
    }
    return load;
  }

  get snapshot(): LoadCounts {
    return { ...this.counts };
  }

  /** Starts `concurrency` clients, each sending one request after another. */
  start(concurrency: number): void {
    this.stopping = false;
    this.running = Array.from({ length: concurrency }, () => this.client());
  }

  /** Lets every client finish the request in hand (until it has a final answer or gives up). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
    this.running = [];
  }

  private async client(): Promise<void> {
    while (!this.stopping) await this.perform(this.nextOperation());
  }

  private nextOperation(): Operation {
    const customer = pick(this.customers);
    const roll = Math.random();
    if (roll < 0.7) {
      let to = pick(this.customers);
      while (to === customer) to = pick(this.customers);
      return { kind: 'transfer', customer, to, amount: amount(1, 500) };
    }
    return { kind: roll < 0.85 ? 'deposit' : 'withdrawal', customer, amount: amount(1, 800) };
  }

  private async perform(operation: Operation): Promise<'accepted' | 'refused' | 'unknown'> {
    const key = randomUUID();
    const { path, body } = request(operation);
    const deadline = Date.now() + RETRY_BUDGET_MS;
    for (let attempt = 1; ; attempt++) {
      const sentAt = Date.now();
      const status = await fetch(`${this.world.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${operation.customer.token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      }).then(
        async (response) => {
          if (response.ok) this.confirm(operation, (await response.json()) as { transactionId: string }, sentAt);
          else await response.body?.cancel();
          return response.status;
        },
        () => 0, // no answer at all: refused connection, reset, timeout
      );
      if (status === 500) this.counts.internalErrors++;
      if (status >= 200 && status < 300) {
        this.counts.accepted++;
        return 'accepted';
      }
      if (status >= 400 && status < 500 && status !== 409 && status !== 429) {
        this.counts.refused++;
        return 'refused';
      }
      if (Date.now() > deadline) {
        this.counts.unknown++;
        return 'unknown';
      }
      this.counts.retries++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** Math.min(attempt, 5))));
    }
  }

  private confirm(operation: Operation, body: { transactionId: string }, sentAt: number): void {
    this.confirmed.add(body.transactionId);
    if (operation.kind === 'deposit') this.confirmedNetDeposits += operation.amount;
    if (operation.kind === 'withdrawal') this.confirmedNetDeposits -= operation.amount;
    this.lastSuccessSentAt = Math.max(this.lastSuccessSentAt, sentAt);
  }
}

function request(operation: Operation): { path: string; body: unknown } {
  const money = { amountMinor: operation.amount.toString(), currency: 'EUR' };
  switch (operation.kind) {
    case 'deposit':
      return { path: `/v1/accounts/${operation.customer.accountId}/deposits`, body: money };
    case 'withdrawal':
      return { path: `/v1/accounts/${operation.customer.accountId}/withdrawals`, body: money };
    case 'transfer':
      return {
        path: '/v1/transfers',
        body: { fromAccountId: operation.customer.accountId, toIban: operation.to.iban, ...money },
      };
  }
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function amount(min: number, max: number): bigint {
  return BigInt(min + Math.floor(Math.random() * (max - min + 1)));
}
