/**
 * `pnpm bench:cards`: how long the card network waits for an answer to `POST /v1/card-authorizations`, the card
 * payment saga's first round trip (card checks, outbox, Kafka, the account service's hold, Kafka back, NOTIFY), next
 * to `GET /health/live` on the same card service at the same concurrency: the floor of HTTP and Nest alone. The user,
 * account and card services run as real processes (BankUnderTest) on databases and topics of their own, removed at
 * the end.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { BankUnderTest, waitFor } from '@microbank/testing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
// one card per caller, each on an account of its own: no caller waits on another's card or account row lock
const CARDS = CONCURRENCY;
const DEPOSIT_MINOR = '100000000'; // 1,000,000.00 GBP, the per-movement maximum: holds of 1.00 never run it out
const LIMITS = { perAuthorizationMinor: '1000000', perDayMinor: '2000000' }; // the bank's maximums
const AMOUNT_MINOR = '100';
const MERCHANT = { name: 'Bench Shop', categoryCode: '5942', country: 'GB' };
// CARD_AUTHORIZATION_WAIT_MS, the service's default: an answer slower than this is a 202, not a longer wait
const WAIT_WINDOW_MS = 2_000;

interface IssuedCard {
  readonly id: string;
  readonly pan: string;
  readonly cvc: string;
  readonly expiry: string;
}

/** One request as the caller saw it: its answer's status (0: no answer) and the time to its last byte. */
interface Sample {
  readonly status: number;
  readonly ms: number;
  readonly body?: string;
}

interface Measured {
  readonly name: string;
  readonly seconds: number;
  readonly samples: readonly Sample[];
}

function step(message: string): void {
  console.log(`▸ ${message}`);
}

async function main(): Promise<void> {
  step('starting the user, account and card services on databases and topics of their own');
  const bank = await BankUnderTest.start(['user', 'account', 'card'], {
    // every bench customer signs up from 127.0.0.1: more than the default of ten signups per address
    user: { SIGNUPS_PER_ADDRESS: String(CARDS) },
    card: { CARD_AUTHORIZATION_WAIT_MS: String(WAIT_WINDOW_MS) },
  });
  try {
    step(`signing up ${CARDS} customers, funding their accounts and issuing a card on each`);
    const cards = await Promise.all(Array.from({ length: CARDS }, (_, i) => cardholder(bank, `bench-${i}`)));
    const base = bank.urls.card;

    const authorize = authorizations(base, bank.networkKey, cards);
    step(`warming up: POST /v1/card-authorizations, ${CONCURRENCY} callers, ${WARM_UP_SECONDS} s`);
    await closedLoop('warm-up', WARM_UP_SECONDS, authorize);
    step(`POST /v1/card-authorizations, ${CONCURRENCY} callers, ${SECONDS} s`);
    const measuredFrom = new Date();
    const saga = await closedLoop('POST /v1/card-authorizations', SECONDS, authorize);
    step('reading where the time went from both services’ outbox and inbox tables');
    const legs = await sagaLegs(bank, measuredFrom);

    const live = () => timed(() => fetch(`${base}/health/live`));
    step(`warming up: GET /health/live, ${CONCURRENCY} callers, ${WARM_UP_SECONDS} s`);
    await closedLoop('warm-up', WARM_UP_SECONDS, live);
    step(`GET /health/live, ${CONCURRENCY} callers, ${SECONDS} s`);
    const floor = await closedLoop('GET /health/live (floor)', SECONDS, live);

    report([saga, floor], legs, bank.logs);
  } finally {
    step('stopping the services, dropping their databases and topics');
    await bank.stop();
  }
}

/** A customer with a large GBP deposit and a card on the account, its limits at the bank's maximums. */
async function cardholder(bank: BankUnderTest, name: string): Promise<IssuedCard> {
  const who = await bank.customer(name);
  const deposit = await bank.call('account', 'POST', `/v1/accounts/${who.account.id}/deposits`, {
    token: who.token,
    key: randomUUID(),
    body: { amountMinor: DEPOSIT_MINOR, currency: 'GBP' },
  });
  if (deposit.status !== 201) throw new Error(`the deposit for ${name} answered ${deposit.status}`);
  // the card service learns the account from AccountOpened: until then it is unknown there (404)
  const card = await waitFor(
    async () => {
      const issued = await bank.call<IssuedCard>('card', 'POST', '/v1/cards', {
        token: who.token,
        body: { accountId: who.account.id },
      });
      return issued.status === 201 ? issued.body : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: `a card for ${name}` },
  );
  const limits = await bank.call('card', 'PUT', `/v1/cards/${card.id}/limits`, { token: who.token, body: LIMITS });
  if (limits.status !== 200) throw new Error(`the limits of ${name}'s card answered ${limits.status}`);
  return card;
}

/** Caller i pays with card i, each call under a fresh idempotency key, as a network sends new payments. */
function authorizations(base: string, networkKey: string, cards: readonly IssuedCard[]) {
  const bodies = cards.map((card) =>
    JSON.stringify({
      pan: card.pan,
      expiry: card.expiry,
      cvc: card.cvc,
      amountMinor: AMOUNT_MINOR,
      currency: 'GBP',
      merchant: MERCHANT,
    }),
  );
  return (caller: number) =>
    timed(() =>
      fetch(`${base}/v1/card-authorizations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${networkKey}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: bodies[caller % bodies.length],
      }),
    );
}

/** Awaits a request to its last byte; keeps the body of every answer but the expected ones, to say what went wrong. */
async function timed(request: () => Promise<Response>): Promise<Sample> {
  const started = performance.now();
  try {
    const response = await request();
    const body = await response.text();
    const ms = performance.now() - started;
    return [200, 201, 202].includes(response.status)
      ? { status: response.status, ms }
      : { status: response.status, ms, body };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: String(error) };
  }
}

/** CONCURRENCY callers, each sending its next request as soon as the last is answered, until `seconds` have passed. */
async function closedLoop(name: string, seconds: number, send: (caller: number) => Promise<Sample>): Promise<Measured> {
  const samples: Sample[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, caller) => {
      while (performance.now() < until) samples.push(await send(caller));
    }),
  );
  // the last answers arrive after the deadline: throughput is over the time the callers really ran
  return { name, seconds: (performance.now() - started) / 1000, samples };
}

interface EventTimes {
  readonly eventId: string;
  readonly authorizationId: string;
  readonly created: number;
  readonly published: number | null;
}

/**
 * Each hop of the authorizations made in the measured window, from the timestamps the services keep anyway (one
 * PostgreSQL clock): the card's outbox, the account's inbox and outbox, the card's inbox. Waits for the ones a 202
 * left pending to settle first, so the slowest are not left out.
 */
async function sagaLegs(bank: BankUnderTest, from: Date): Promise<Record<string, number[]>> {
  const since = `'${from.toISOString()}'::timestamptz`;
  await waitFor(
    async () => {
      const [row] = await bank.databaseRows<{ pending: string }>(
        'card',
        `SELECT count(*) AS pending FROM card_authorization WHERE status = 'pending' AND created_at >= ${since}`,
      );
      return row?.pending === '0';
    },
    { timeoutMs: 120_000, intervalMs: 250, what: 'the measured authorizations to settle' },
  );
  const outbox = (type: string) =>
    `SELECT event_id AS "eventId", envelope->'payload'->>'authorizationId' AS "authorizationId",
            extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM published_at) * 1000 AS published
       FROM outbox_event WHERE event_type = '${type}' AND created_at >= ${since}`;
  const inbox = (type: string) =>
    `SELECT event_id AS "eventId", extract(epoch FROM processed_at) * 1000 AS processed
       FROM inbox_event WHERE event_type = '${type}' AND processed_at >= ${since}`;
  type Processed = { eventId: string; processed: number };
  const [requested, accountInbox, placed, cardInbox] = await Promise.all([
    bank.databaseRows<EventTimes>('card', outbox('CardAuthorizationRequested')),
    bank.databaseRows<Processed>('account', inbox('CardAuthorizationRequested')),
    bank.databaseRows<EventTimes>('account', outbox('CardHoldPlaced')),
    bank.databaseRows<Processed>('card', inbox('CardHoldPlaced')),
  ]);
  const processedAt = (rows: readonly Processed[]) => new Map(rows.map((row) => [row.eventId, Number(row.processed)]));
  const accountGot = processedAt(accountInbox);
  const cardGot = processedAt(cardInbox);
  const placedFor = new Map(placed.map((row) => [row.authorizationId, row]));
  const legs: Record<string, number[]> = {
    'card outbox → Kafka ack': [],
    'Kafka → account consumer': [],
    'account hold → Kafka ack': [],
    'Kafka → card consumer': [],
    'card request → card consumer': [],
  };
  for (const request of requested) {
    const hold = placedFor.get(request.authorizationId);
    const taken = accountGot.get(request.eventId);
    const answered = hold && cardGot.get(hold.eventId);
    if (request.published === null || !hold || hold.published === null || !taken || !answered) continue;
    legs['card outbox → Kafka ack']!.push(Number(request.published) - Number(request.created));
    legs['Kafka → account consumer']!.push(taken - Number(request.published));
    legs['account hold → Kafka ack']!.push(Number(hold.published) - taken);
    legs['Kafka → card consumer']!.push(answered - Number(hold.published));
    legs['card request → card consumer']!.push(answered - Number(request.created));
  }
  for (const ms of Object.values(legs)) ms.sort((a, b) => a - b);
  return legs;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function report(results: readonly Measured[], legs: Record<string, number[]>, logs: readonly string[]): void {
  const cpus = os.cpus();
  console.log(
    `\nOne run on ${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ` +
      `${CONCURRENCY} concurrent callers (one card and account each), ${SECONDS} s each after ${WARM_UP_SECONDS} s of warm-up; ` +
      `authorizations of ${AMOUNT_MINOR} minor units GBP, 202 after the card service's ${WAIT_WINDOW_MS} ms wait window\n`,
  );
  const head = ['', 'requests', 'per s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', '200', '201', '402', '202', 'other'];
  const rows = results.map(({ name, seconds, samples }) => {
    const ms = samples.map((sample) => sample.ms).sort((a, b) => a - b);
    const count = (status: number) => String(samples.filter((sample) => sample.status === status).length);
    const other = samples.filter((sample) => ![200, 201, 402, 202].includes(sample.status)).length;
    return [
      name,
      String(samples.length),
      (samples.length / seconds).toFixed(0),
      ...[0.5, 0.9, 0.99].map((q) => percentile(ms, q).toFixed(1)),
      (ms.at(-1) ?? NaN).toFixed(1),
      count(200),
      count(201),
      count(402),
      count(202),
      String(other),
    ];
  });
  const widths = head.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(head));
  console.log(
    `| ${widths.map((width, i) => (i === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`,
  );
  for (const row of rows) console.log(line(row));

  const [saga, floor] = results.map(({ samples }) => samples.map((sample) => sample.ms).sort((a, b) => a - b));
  console.log(
    `\nThe saga over the floor: p50 +${(percentile(saga!, 0.5) - percentile(floor!, 0.5)).toFixed(1)} ms, ` +
      `p99 +${(percentile(saga!, 0.99) - percentile(floor!, 0.99)).toFixed(1)} ms`,
  );

  const [first] = Object.values(legs);
  console.log(
    `\nWhere an authorization's time went (${first!.length} held in the window; from each transaction's start):`,
  );
  for (const [leg, ms] of Object.entries(legs)) {
    console.log(
      `  ${leg.padEnd(30)} p50 ${percentile(ms, 0.5).toFixed(0).padStart(5)} ms, p99 ${percentile(ms, 0.99).toFixed(0).padStart(5)} ms`,
    );
  }

  // a decline of a funded card inside its limits, a 5xx or a dropped connection is the bench's problem, not a result
  for (const { name, samples } of results) {
    const unexpected = new Map<string, { count: number; body: string }>();
    for (const sample of samples.filter((s) => s.body !== undefined)) {
      const key = sample.status === 402 ? `402 ${declineOf(sample.body!)}` : String(sample.status || 'no answer');
      const seen = unexpected.get(key) ?? { count: 0, body: sample.body!.slice(0, 300) };
      unexpected.set(key, { ...seen, count: seen.count + 1 });
    }
    for (const [key, { count, body }] of unexpected) console.log(`  ${name}: ${count} × ${key}, e.g. ${body}`);
  }
  // the services log one JSON object a line: a retry, a crashed consumer or a relay error shows here first
  const troubles = logs.filter((entry) => /"level":"(warn|error|fatal)"/.test(entry));
  if (troubles.length > 0) {
    console.log(`\n${troubles.length} warnings and errors in the services' logs, the first:`);
    for (const entry of troubles.slice(0, 5)) console.log(`  ${entry.slice(0, 300)}`);
  }
}

function declineOf(body: string): string {
  try {
    const { responseCode, declineReason } = JSON.parse(body) as { responseCode?: string; declineReason?: string };
    return `${responseCode} ${declineReason}`;
  } catch {
    return 'unreadable';
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
