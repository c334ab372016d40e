import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { AnalystSession } from './analyst-session';
import { BankClient, type Reply, type ServiceName } from './bank-client';
import { CannotRunError } from './cannot-run.error';
import { CustomerSession } from './customer-session';
import type { Step } from './fraud-patterns';
import { NoAnswerError } from './no-answer.error';
import { planSimulation, type PlanOptions, type PlannedCustomer, type SimulationPlan } from './plan';
import { ProgressLine, type Output } from './progress-line';
import { renderScores } from './report-table';
import { matches, scoreRules, type Injection, type RaisedAlert, type RuleScore } from './scoring';

export interface SimulationSettings extends PlanOptions {
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly networkKey: string;
  readonly analyst: { readonly email: string; readonly password: string };
  /** per request */
  readonly requestTimeoutMs: number;
  /** longest wait for the alerts after the last request */
  readonly settleMs: number;
  readonly out: Output;
}

export interface SimulationResult {
  readonly plan: SimulationPlan;
  readonly injections: readonly Injection[];
  readonly alerts: readonly RaisedAlert[];
  readonly scores: readonly RuleScore[];
  readonly outcomes: Outcomes;
  readonly table: string;
}

export interface Outcomes {
  requests: number;
  cardPayments: number;
  /** authorizations the card service answered 202: the account's answer took longer than its 2 s (not captured) */
  latePayments: number;
  /** refusals a fraud pattern expects once the bank has frozen what it caught (402, 409) */
  expectedRefusals: number;
  /** anything else that was not a success, by kind and answer */
  unexpected: Map<string, number>;
  /** steps not sent because the run was already past its duration */
  skipped: number;
}

// scrypt bound: more signups at once only queue in the user service
const SETUP_CONCURRENCY = 4;
// for the account (from UserSignedUp) and the card service's knowledge of it (from AccountOpened)
const SETUP_WAIT_MS = 60_000;
// a step later than this past the run's end is skipped: the run is bounded even when the bank is slow
const LATE_STEP_GRACE_MS = 10_000;
const ALERT_POLL_MS = 2_000;

/**
 * Runs the plan against the bank: sets the customers up, plays every step at its time (one customer's steps one
 * after another, customers side by side), waits for the alerts to settle, and scores them.
 */
export async function simulate(settings: SimulationSettings): Promise<SimulationResult> {
  const plan = planSimulation(settings);
  const bank = new BankClient(settings.urls, settings.requestTimeoutMs);
  const down = await bank.unreachable();
  if (down.length > 0) throw new CannotRunError(`not answering: ${down.join('; ')}`);
  const analyst = await AnalystSession.login(bank, settings.analyst);
  const fraudsters = plan.customers.filter((c) => c.pattern !== null).length;
  settings.out.write(
    `seed ${settings.seed}: ${plan.customers.length} customers (${fraudsters} fraudsters) in ` +
      `${new Set(plan.customers.map((c) => c.country)).size} countries, ${plan.steps.length} requests planned over ` +
      `${settings.durationSeconds} s\n`,
  );

  const outcomes: Outcomes = {
    requests: 0,
    cardPayments: 0,
    latePayments: 0,
    expectedRefusals: 0,
    unexpected: new Map(),
    skipped: 0,
  };
  const sessions: CustomerSession[] = [];
  const injected = new Set<number>();
  const alerts = new Map<string, RaisedAlert>();
  const startedAt = new Date();
  let phase = 'setup';
  let trafficStart = Date.now();
  const progress = new ProgressLine(settings.out, () => ({
    phase,
    elapsedMs: Date.now() - startedAt.getTime(),
    requests: bank.requests,
    customers: sessions.length,
    payments: outcomes.cardPayments,
    patternsInjected: injected.size,
    patternsPlanned: fraudsters,
    alerts: alerts.size,
  }));
  progress.start();
  let watcher: { stop(): Promise<void> } | undefined;
  try {
    await setUp(bank, plan, sessions);
    const byIndex = new Map(sessions.map((s) => [s.plan.index, s]));
    const userIds = new Set(sessions.map((s) => s.userId));
    const readAlerts = async () => {
      for (const alert of await analyst.alertsAbout(userIds, startedAt)) alerts.set(alert.id, alert);
    };

    phase = 'traffic';
    trafficStart = Date.now();
    watcher = watch(readAlerts, ALERT_POLL_MS);
    outcomes.skipped = await play(plan.steps, trafficStart, settings.durationSeconds * 1_000, (step) => {
      if (step.pattern) injected.add(step.customer);
      return perform(bank, step, byIndex.get(step.customer)!, byIndex, settings.networkKey, outcomes);
    });
    await watcher.stop();

    phase = 'settling';
    const injections = sessions
      .filter((s) => s.plan.pattern !== null && injected.has(s.plan.index))
      .map((s): Injection => ({
        rule: s.plan.pattern!,
        userId: s.userId,
        accountId: s.account.id,
        cardId: s.card?.id ?? null,
      }));
    await settle(readAlerts, () => [...alerts.values()], injections, settings.settleMs);
    progress.stop();

    outcomes.requests = bank.requests;
    const raised = [...alerts.values()];
    const scores = scoreRules(injections, raised);
    const table = renderScores(scores);
    settings.out.write(`\n${table}\n\n${summary(outcomes, Date.now() - trafficStart)}\n`);
    return { plan, injections, alerts: raised, scores, outcomes, table };
  } finally {
    progress.stop();
    await watcher?.stop(); // a failed run must not keep polling, or the process never exits
  }
}

/**
 * Starts each step at its time, after the same customer's previous step: a person does one thing at a time. A step
 * due when the run is already well past its end is skipped; resolves with how many were.
 */
async function play(
  steps: readonly Step[],
  startAt: number,
  durationMs: number,
  perform: (step: Step) => Promise<void>,
): Promise<number> {
  let skipped = 0;
  const chains = new Map<number, Promise<void>>();
  for (const step of steps) {
    const wait = startAt + step.atMs - Date.now();
    if (wait > 0) await delay(wait);
    const previous = chains.get(step.customer) ?? Promise.resolve();
    const late = () => Date.now() > startAt + durationMs + LATE_STEP_GRACE_MS;
    chains.set(
      step.customer,
      previous.then(() => (late() ? void skipped++ : perform(step))),
    );
  }
  await Promise.all(chains.values());
  return skipped;
}

/** Sets up every customer, a few at a time; on the first failure the others stop taking new customers. */
async function setUp(bank: BankClient, plan: SimulationPlan, sessions: CustomerSession[]): Promise<void> {
  const runId = randomUUID().slice(0, 8);
  const queue = [...plan.customers];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        sessions.push(await setUpCustomer(bank, next, runId));
      } catch (error) {
        queue.length = 0;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: SETUP_CONCURRENCY }, worker));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}

async function setUpCustomer(bank: BankClient, customer: PlannedCustomer, runId: string): Promise<CustomerSession> {
  const session = await CustomerSession.open(bank, customer, runId, SETUP_WAIT_MS);
  if (customer.needsCard) await session.issueCard(SETUP_WAIT_MS);
  if (customer.openingDepositMinor !== null) {
    const deposit = await session.call('account', 'POST', `/v1/accounts/${session.account.id}/deposits`, {
      idempotent: true,
      body: {
        amountMinor: String(customer.openingDepositMinor),
        currency: customer.currency,
        reference: 'Opening deposit',
      },
    });
    if (deposit.status !== 201) {
      throw new CannotRunError(`the opening deposit of ${session.email} answered ${deposit.status}`);
    }
  }
  return session;
}

async function perform(
  bank: BankClient,
  step: Step,
  who: CustomerSession,
  byIndex: ReadonlyMap<number, CustomerSession>,
  networkKey: string,
  outcomes: Outcomes,
): Promise<void> {
  const { currency } = who.plan;
  const amount = { amountMinor: String(step.amountMinor), currency };
  try {
    let reply: Reply<{ id?: string; code?: string; declineReason?: string }>;
    switch (step.kind) {
      case 'deposit':
      case 'withdrawal':
        reply = await who.call('account', 'POST', `/v1/accounts/${who.account.id}/${step.kind}s`, {
          idempotent: true,
          body: amount,
        });
        break;
      case 'transfer':
        reply = await who.call('account', 'POST', '/v1/transfers', {
          idempotent: true,
          body: {
            fromAccountId: who.account.id,
            toIban: byIndex.get(step.to)!.account.iban,
            ...amount,
            reference: 'Simulated transfer',
          },
        });
        break;
      case 'card-payment': {
        // the card network calls, with its own key: the customer is at the till, not at the API
        const card = who.card!;
        reply = await bank.call('card', 'POST', '/v1/card-authorizations', {
          bearer: networkKey,
          idempotent: true,
          body: { pan: card.pan, expiry: card.expiry, cvc: card.cvc, ...amount, merchant: step.merchant },
        });
        if (reply.status === 201) outcomes.cardPayments++;
        if (reply.status === 202) outcomes.latePayments++;
        if (reply.status === 201 && step.capture) {
          reply = await bank.call('card', 'POST', `/v1/card-authorizations/${reply.body.id}/captures`, {
            bearer: networkKey,
            body: amount,
          });
        }
        break;
      }
    }
    if (reply.status < 300) return;
    if (step.pattern && (reply.status === 402 || reply.status === 409)) {
      outcomes.expectedRefusals++;
      return;
    }
    count(
      outcomes,
      `${step.kind} ${reply.status}${reply.body?.code ? ` ${reply.body.code}` : ''}${reply.body?.declineReason ? ` ${reply.body.declineReason}` : ''}`,
    );
  } catch (error) {
    count(
      outcomes,
      error instanceof NoAnswerError ? `${step.kind}: no answer` : `${step.kind}: ${(error as Error).message}`,
    );
  }
}

function count(outcomes: Outcomes, what: string): void {
  outcomes.unexpected.set(what, (outcomes.unexpected.get(what) ?? 0) + 1);
}

/** Reads the alerts every `intervalMs` in the background; a failed read is tried again at the next tick. */
function watch(read: () => Promise<void>, intervalMs: number): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await read().catch(() => undefined);
      await delay(intervalMs);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/**
 * Waits until every injection has its alert and no new alert came for 3 s, or nothing new came for 10 s, or
 * `maxMs` passed: the fraud service judges from Kafka, a little behind the last request.
 */
async function settle(
  read: () => Promise<void>,
  current: () => RaisedAlert[],
  injections: readonly Injection[],
  maxMs: number,
): Promise<void> {
  const deadline = Date.now() + maxMs;
  let known = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await read().catch(() => undefined);
    const alerts = current();
    if (alerts.length !== known) [known, quietSince] = [alerts.length, Date.now()];
    const quietMs = Date.now() - quietSince;
    const allFound = injections.every((i) => alerts.some((a) => matches(a, i)));
    if ((allFound && quietMs >= 3_000) || quietMs >= 10_000) return;
    await delay(1_000);
  }
}

function summary(outcomes: Outcomes, trafficMs: number): string {
  const lines = [
    `${outcomes.requests} requests in ${(trafficMs / 1_000).toFixed(0)} s of traffic and settling, ` +
      `${outcomes.cardPayments} card payments approved` +
      (outcomes.latePayments ? `, ${outcomes.latePayments} answered late (202, left pending)` : '') +
      `, ${outcomes.expectedRefusals} refused as the fraud patterns ` +
      `expect (a card or account the bank froze)` +
      (outcomes.skipped ? `, ${outcomes.skipped} steps skipped past the duration` : ''),
  ];
  const unexpected = [...outcomes.unexpected].sort((a, b) => b[1] - a[1]);
  if (unexpected.length > 0) {
    lines.push(`unexpected answers: ${unexpected.map(([what, n]) => `${what} ×${n}`).join(', ')}`);
  }
  return lines.join('\n');
}
