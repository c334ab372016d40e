/**
 * `pnpm bench:reporting`: how fast the reporting service rebuilds its read models from the log. The built service
 * runs as a real process (BankUnderTest) on a database and topics of its own, removed at the end.
 *
 * 1. Loads BENCH_EVENTS events (default 20,000) into its topics: customers who sign up, open an account, get a card,
 *    are paid and pay (TransactionPosted v1 and v2), and raise a fraud alert.
 * 2. Lets the live consumers handle all of them (every event's inbox row).
 * 3. POST /v1/reports/rebuild, follows GET until caught up, and prints the rebuild's events/s.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AccountOpenedV1,
  CardIssuedV1,
  createEvent,
  FraudAlertRaisedV1,
  TransactionPostedV1,
  TransactionPostedV2,
  UserSignedUpV1,
  type EventDefinition,
  type EventEnvelope,
  type Source,
} from '@microbank/contracts';
import { BankUnderTest, stackConnections, testKafka, waitFor } from '@microbank/testing';
import type { RebuildState } from '../src/rebuild/rebuild-state';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const POSTINGS_PER_CUSTOMER = 6;
// signup, account, card, the postings, an alert
const EVENTS_PER_CUSTOMER = 4 + POSTINGS_PER_CUSTOMER;
const SEND_BATCH = 500;

const benchStarted = performance.now();

function step(message: string): void {
  console.log(`▸ ${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s  ${message}`);
}

async function main(): Promise<void> {
  step('starting the reporting service on a database and topics of its own');
  const bank = await BankUnderTest.start(['reporting']);
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= bank.stop());
  const interrupted = (signal: NodeJS.Signals) => {
    step(`${signal}: stopping the service, dropping its database and topics`);
    void stop().finally(() => process.exit(1));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const customers = Math.ceil(EVENTS / EVENTS_PER_CUSTOMER);
    const events = Array.from({ length: customers }, (_, i) => customerStory(i)).flat();
    step(`loading ${events.length} events (${customers} customers) into its topics`);
    await load(bank, events);

    step('waiting for the live consumers to handle every event');
    const liveFrom = performance.now();
    await waitFor(async () => (await handledEvents(bank)) >= events.length, {
      timeoutMs: 30 * 60_000,
      intervalMs: 500,
      what: `${events.length} events handled`,
    });
    const liveSeconds = (performance.now() - liveFrom) / 1000;
    step(`handled live in ${liveSeconds.toFixed(1)} s (${(events.length / liveSeconds).toFixed(0)} events/s)`);

    const { token } = await bank.analyst();
    const rebuild = (method: 'GET' | 'POST') =>
      fetch(`${bank.urls.reporting}/v1/reports/rebuild`, { method, headers: { authorization: `Bearer ${token}` } });
    const started = await rebuild('POST');
    if (started.status !== 202) throw new Error(`POST /v1/reports/rebuild answered ${started.status}`);
    step('rebuilding');
    let state = (await started.json()) as RebuildState;
    while (state.state !== 'caught-up' && state.state !== 'failed') {
      await sleep(1_000);
      state = (await (await rebuild('GET')).json()) as RebuildState;
      step(
        `  ${state.state}: ${state.eventsReplayed} events replayed, ${state.eventsPerSecond} events/s, lag ${state.lag}`,
      );
    }
    if (state.state === 'failed') throw new Error(`the rebuild failed: ${state.error}`);
    const handled = await handledEvents(bank);
    report(events.length, handled, liveSeconds, state);
    // a handler that met an event before the one it depends on (another topic) retries it: time the replay spends
    const retries = bank.logs.filter((line) => line.includes('handling failed; retrying')).length;
    console.log(`handler retries, live + replay ${retries}`);
    if (handled < events.length) process.exitCode = 1;
  } finally {
    if (!stopped) step('stopping the service, dropping its database and topics');
    await stop();
  }
}

/** One customer's events, in the order their publishers would publish them. */
function customerStory(n: number): EventEnvelope[] {
  const userId = randomUUID();
  const accountId = randomUUID();
  const cardId = randomUUID();
  const day = Date.UTC(2026, 9, 1 + (n % 28), 8);
  const at = (minutes: number) => new Date(day + minutes * 60_000).toISOString();
  const event = <P>(definition: EventDefinition<string, number, P>, key: string, source: Source, payload: P) => ({
    ...createEvent(definition, key, payload, { source, correlationId: randomUUID() }),
    occurredAt: at(0),
  });
  const postings = Array.from({ length: POSTINGS_PER_CUSTOMER }, (_, i) =>
    i % 2 === 0
      ? event(TransactionPostedV1, accountId, 'account', {
          ...TransactionPostedV1.example,
          transactionId: randomUUID(),
          accountId,
          userId,
          kind: 'deposit',
          direction: 'credit',
          amount: { amountMinor: String(10_000 + i), currency: 'EUR' },
          balanceAfter: { amountMinor: String(10_000 * (i + 1)), currency: 'EUR' },
          postedAt: at(i + 1),
        })
      : event(TransactionPostedV2, accountId, 'account', {
          ...TransactionPostedV2.example,
          transactionId: randomUUID(),
          accountId,
          userId,
          amount: { amountMinor: String(1_000 + i), currency: 'EUR' },
          balanceAfter: { amountMinor: String(9_000 * (i + 1)), currency: 'EUR' },
          card: { ...TransactionPostedV2.example.card!, cardId, authorizationId: randomUUID() },
          postedAt: at(i + 1),
        }),
  );
  return [
    event(UserSignedUpV1, userId, 'user', {
      userId,
      email: `bench-${n}-${userId}@bench.local`,
      fullName: `Bench Customer ${n}`,
      country: 'FR',
    }),
    event(AccountOpenedV1, accountId, 'account', {
      ...AccountOpenedV1.example,
      accountId,
      userId,
      iban: `FR76${String(n).padStart(23, '0')}`,
    }),
    event(CardIssuedV1, cardId, 'card', { ...CardIssuedV1.example, cardId, accountId, userId }),
    ...postings,
    event(FraudAlertRaisedV1, randomUUID(), 'fraud', {
      ...FraudAlertRaisedV1.example,
      alertId: randomUUID(),
      userId,
      accountId,
      cardId,
      evidence: [postings[1]!.payload.transactionId],
    }),
  ];
}

/** Sends the events to the run's copies of their topics, keyed by aggregate, acknowledged by every replica. */
async function load(bank: BankUnderTest, events: readonly EventEnvelope[]): Promise<void> {
  const kafka = testKafka(await stackConnections(), 'microbank-bench');
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let from = 0; from < events.length; from += SEND_BATCH) {
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (const event of events.slice(from, from + SEND_BATCH)) {
        const topic = bank.topic(topicOf(event));
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: event.aggregateId, value: JSON.stringify(event) }]);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

function topicOf(event: EventEnvelope): string {
  const definitions = [
    UserSignedUpV1,
    AccountOpenedV1,
    CardIssuedV1,
    TransactionPostedV1,
    TransactionPostedV2,
    FraudAlertRaisedV1,
  ];
  return definitions.find((d) => d.type === event.type && d.version === event.version)!.topic;
}

async function handledEvents(bank: BankUnderTest): Promise<number> {
  const [row] = await bank.databaseRows<{ n: number }>(
    'reporting',
    'SELECT count(DISTINCT event_id)::int AS n FROM inbox_event',
  );
  return row?.n ?? 0;
}

function report(loaded: number, handled: number, liveSeconds: number, state: RebuildState): void {
  const seconds = (from: string | null, to: string | null) => (Date.parse(to!) - Date.parse(from!)) / 1000;
  const total = seconds(state.startedAt, state.finishedAt);
  const replay = seconds(state.replayStartedAt, state.finishedAt);
  console.log('');
  console.log(`events in the log           ${loaded}`);
  console.log(`handled live                ${(loaded / liveSeconds).toFixed(0)} events/s`);
  console.log(
    `rebuild, in all             ${total.toFixed(1)} s (stop, reset, truncate: ${(total - replay).toFixed(1)} s)`,
  );
  console.log(`replay                      ${state.eventsReplayed} events in ${replay.toFixed(1)} s`);
  console.log(
    `rebuild speed               ${state.eventsPerSecond} events/s (replay), ${(state.eventsReplayed / total).toFixed(0)} events/s (in all)`,
  );
  console.log(`every event handled again   ${handled >= loaded ? 'yes' : `NO: ${handled} of ${loaded}`}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
