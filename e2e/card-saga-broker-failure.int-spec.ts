import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics, type EventEnvelope } from '@microbank/contracts';
import { describeTopics, isHealthy, type Stack, type StackConnections } from '@microbank/stack';
import {
  BankUnderTest,
  stackConnections,
  stackFor,
  testKafka,
  waitFor,
  type Customer,
  type Reply,
} from '@microbank/testing';
import { CardNetwork, type Authorization, type Cardholder, type IssuedCard } from './card-network';

/** One payment as the card network sees it: every attempt with its key, and the answer it finally got. */
interface NetworkCall {
  readonly key: string;
  readonly holder: Cardholder;
  readonly sentAt: number;
  /** The HTTP status of each attempt; 0 when there was no answer (connection cut, timeout). */
  readonly attempts: number[];
  answer?: Reply<Authorization>;
  answeredAt?: number;
}

type Saga = EventEnvelope<string, number, { authorizationId?: string }>;

const DEPOSIT = 10_000_000n;
const AMOUNT = 100n;
const HOLDERS = 5;
const WORKERS = 10;
const LOAD_BEFORE_MS = 3_000;
const FAULT_HELD_MS = 5_000;
const LOAD_AFTER_MS = 3_000;
// a card network gives up on an answer after some seconds, and retries later with the same key
const CALL_TIMEOUT_MS = 15_000;
const ANSWERS = new Set([201, 202, 402]);
const DECIDED = new Set(['approved', 'declined']);

const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);

// The card payment saga while Kafka loses a broker: the leader of the partitions the saga's events travel on is
// SIGKILLed under load, and restarted. With 3 replicas and min ISR 2 the cluster keeps going on two brokers, so
// every authorization must end, and the holds and balances must add up to what the network was told.
describe('card payments when the leader of the saga’s partitions is SIGKILLed under load', () => {
  let connections: StackConnections;
  let stack: Stack;
  let bank: BankUnderTest;
  let network: CardNetwork;
  let brokerDown = false;

  beforeAll(async () => {
    connections = await stackConnections();
    if (connections.profile !== 'full') {
      throw new Error(
        `killing a broker needs the full profile (3 brokers, RF 3, min ISR 2); the stack is '${connections.profile}'`,
      );
    }
    stack = stackFor(connections);
    bank = await BankUnderTest.start(['user', 'account', 'card']);
    network = new CardNetwork(bank);
  });

  afterAll(async () => {
    // a failure between the kill and the repair must not leave the shared cluster a broker short
    if (brokerDown) await repair().catch((error: unknown) => console.error('repairing the cluster failed', error));
    await bank?.stop();
  });

  const cardholder = (name: string) => network.cardholder(name, DEPOSIT.toString());
  const authorize = (card: IssuedCard, amountMinor: string, key: string) =>
    network.authorize(card, amountMinor, {}, key);
  const accountOf = (who: Customer) => network.accountOf(who);

  /** One attempt of a call; true once the network has the issuer's answer (approved, pending or declined). */
  async function attempt(call: NetworkCall): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer in time')), CALL_TIMEOUT_MS);
    });
    const reply = await Promise.race([authorize(call.holder.card, AMOUNT.toString(), call.key), timeout])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
    call.attempts.push(reply?.status ?? 0);
    // no answer or a 5xx: the network does not know what happened, so it asks again with the same key
    if (!reply || reply.status >= 500) return false;
    call.answer = reply;
    call.answeredAt = Date.now();
    return true;
  }

  /** Retries a call with its key until it is answered; false if it never is. */
  function retry(call: NetworkCall): Promise<boolean> {
    return waitFor(() => attempt(call), {
      timeoutMs: 120_000,
      intervalMs: 500,
      what: `an answer to the retried call ${call.key}`,
    }).catch(() => false);
  }

  /** Restarts what died, then waits until every replica of the test's topics and of the offsets is in sync. */
  async function repair(): Promise<void> {
    await stack.up();
    const admin = testKafka(connections).admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(bank.prefix));
          const topics = await describeTopics(admin, [...ours, '__consumer_offsets']);
          return isHealthy(topics, connections.kafka.replicationFactor);
        },
        { timeoutMs: 180_000, intervalMs: 1_000, what: 'the cluster whole again (every replica in sync)' },
      );
    } finally {
      await admin.disconnect();
    }
    brokerDown = false;
  }

  it(
    'ends every authorization, holds each approved one exactly once and loses none',
    { timeout: 600_000 },
    async () => {
      const cardsTopic = bank.topic(Topics.cards);
      const holders = await Promise.all(Array.from({ length: HOLDERS }, (_, i) => cardholder(`shopper-${i}`)));

      // the saga's events are keyed by card: the partition that carries most of our cards is the one to hit
      const partitionOf = await waitFor(
        () => {
          const found = new Map<string, number>();
          for (const m of bank.recorder.messages) if (m.topic === cardsTopic && m.key) found.set(m.key, m.partition);
          return holders.every(({ card }) => found.has(card.id)) ? found : undefined;
        },
        { timeoutMs: 60_000, what: 'the cards’ events on the recorded topic' },
      );
      const cardsPerPartition = new Map<number, number>();
      for (const { card } of holders) {
        const partition = partitionOf.get(card.id)!;
        cardsPerPartition.set(partition, (cardsPerPartition.get(partition) ?? 0) + 1);
      }
      const [busiest, busiestCards] = [...cardsPerPartition].sort((a, b) => b[1] - a[1])[0]!;

      const calls: NetworkCall[] = [];
      const failed: NetworkCall[] = [];
      let stopping = false;
      const worker = async (holder: Cardholder) => {
        while (!stopping) {
          const call: NetworkCall = { key: randomUUID(), holder, sentAt: Date.now(), attempts: [] };
          calls.push(call);
          if (!(await attempt(call))) failed.push(call);
        }
      };
      // the load runs through the fault: this is the experiment's duration, not a wait for a condition
      const underLoadFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

      const started = Date.now();
      const workers = Array.from({ length: WORKERS }, (_, i) => worker(holders[i % HOLDERS]!));
      let fault: string, killedAt: number, repairStartedAt: number, repairedAt: number;
      let retries: Promise<NetworkCall | undefined>[];
      try {
        await underLoadFor(LOAD_BEFORE_MS);

        const admin = testKafka(connections).admin();
        await admin.connect();
        const [topic] = await describeTopics(admin, [cardsTopic]).finally(() => admin.disconnect());
        const leader = topic!.partitions.find((p) => p.partition === busiest)!.leader;
        const victim = stack.profile.brokers.find((b) => b.id === leader);
        if (!victim) throw new Error(`broker ${leader}, leader of ${cardsTopic}/${busiest}, is not in the profile`);
        const led = topic!.partitions.filter((p) => p.leader === leader).length;
        killedAt = Date.now();
        brokerDown = true;
        await (await stack.process(victim.name)).kill();
        fault =
          `SIGKILL ${victim.name} (leader of ${led} of ${topic!.partitions.length} ${Topics.cards} partitions, ` +
          `partition ${busiest} carrying ${busiestCards} of ${HOLDERS} cards)`;
        await underLoadFor(FAULT_HELD_MS);

        repairStartedAt = Date.now();
        await repair();
        repairedAt = Date.now();
        // the network asks again about what it got no answer for, now that the bank is whole
        retries = failed.splice(0).map(async (call) => ((await retry(call)) ? undefined : call));
        await underLoadFor(LOAD_AFTER_MS);
      } finally {
        stopping = true;
        await Promise.all(workers);
      }
      retries.push(...failed.splice(0).map(async (call) => ((await retry(call)) ? undefined : call)));
      const unanswered = (await Promise.all(retries)).filter((call) => call !== undefined);
      const loadMs = Date.now() - started;

      // every authorization the network holds an id for, until the saga has decided it (as the network reads it)
      const answered = calls.filter((call) => ANSWERS.has(call.answer?.status ?? 0) && call.answer!.body.id);
      const finalOf = new Map<string, Authorization>();
      const unsettled = new Set(answered.map((call) => call.answer!.body.id!));
      await waitFor(
        async () => {
          const ids = [...unsettled];
          for (let i = 0; i < ids.length; i += 25) {
            await Promise.all(
              ids.slice(i, i + 25).map(async (id) => {
                const read = await bank.call<Authorization>('card', 'GET', `/v1/card-authorizations/${id}`, {
                  network: true,
                });
                if (read.status !== 200) return;
                finalOf.set(id, read.body);
                if (DECIDED.has(read.body.status)) unsettled.delete(id);
              }),
            );
          }
          return unsettled.size === 0;
        },
        { timeoutMs: 120_000, intervalMs: 500, what: 'every authorization approved or declined' },
      ).catch(() => undefined);

      const statusOf = (call: NetworkCall) => finalOf.get(call.answer!.body.id!)?.status;
      const approvedCalls = answered.filter((call) => statusOf(call) === 'approved');
      const declinedCalls = answered.filter((call) => statusOf(call) === 'declined');
      // the network was told "approved" or "pending, ask later": that payment must end
      const lost = answered.filter((call) => [201, 202].includes(call.answer!.status) && !DECIDED.has(statusOf(call)!));
      // an answer the saga later contradicts: approved then declined, or the other way round
      const contradicted = answered.filter(
        (call) =>
          (call.answer!.status === 201 && statusOf(call) !== 'approved' && DECIDED.has(statusOf(call)!)) ||
          (call.answer!.status === 402 && statusOf(call) !== 'declined'),
      );

      // ---- the account's side: holds and balances, joined with the card's side by authorization id ----
      const cardIds = holders.map(({ card }) => `'${card.id}'`).join(', ');
      const holds = await bank.databaseRows<{
        authorization_id: string;
        account_id: string;
        status: string;
        at: number;
      }>(
        'account',
        `SELECT authorization_id, account_id, status::text, (extract(epoch FROM created_at) * 1000)::float8 AS at
           FROM card_hold WHERE card_id IN (${cardIds})`,
      );
      const holdsOf = new Map<string, typeof holds>();
      for (const hold of holds)
        holdsOf.set(hold.authorization_id, [...(holdsOf.get(hold.authorization_id) ?? []), hold]);
      // `at`: when it was decided (or recorded, for a decline by the card's own checks), in ms since the epoch
      const recorded = await bank.databaseRows<{
        id: string;
        idempotency_key: string;
        status: string;
        created: number;
        at: number;
      }>(
        'card',
        `SELECT id, idempotency_key, status::text, (extract(epoch FROM created_at) * 1000)::float8 AS created,
                (extract(epoch FROM updated_at) * 1000)::float8 AS at
           FROM card_authorization WHERE card_id IN (${cardIds})`,
      );
      const keyOf = new Map(calls.map((call) => [call.key, call]));
      const holdProblems: string[] = [];
      for (const call of approvedCalls) {
        const held = (holdsOf.get(call.answer!.body.id!) ?? []).filter((hold) => hold.status === 'held');
        if (held.length !== 1) holdProblems.push(`approved ${call.answer!.body.id} has ${held.length} held holds`);
        else if (held[0]!.account_id !== call.holder.who.account.id)
          holdProblems.push(`approved ${call.answer!.body.id} is held on another account`);
      }
      for (const call of declinedCalls) {
        const held = (holdsOf.get(call.answer!.body.id!) ?? []).filter((hold) => hold.status === 'held');
        if (held.length > 0) holdProblems.push(`declined ${call.answer!.body.id} holds money`);
      }
      const known = new Set(recorded.map((row) => row.id));
      for (const hold of holds)
        if (!known.has(hold.authorization_id)) holdProblems.push(`hold ${hold.authorization_id} has no authorization`);
      // every authorization the card service recorded is one the network asked for, and knows the answer to
      const recordProblems: string[] = [];
      for (const row of recorded) {
        const call = keyOf.get(row.idempotency_key);
        if (!call) recordProblems.push(`authorization ${row.id} has a key the network never sent`);
        else if (call.answer?.body.id !== row.id)
          recordProblems.push(`the network never heard of authorization ${row.id}`);
      }

      const accountIds = holders.map(({ who }) => `'${who.account.id}'`).join(', ');
      const accounts = await bank.databaseRows<{ id: string; balance_minor: string; held_minor: string }>(
        'account',
        `SELECT id, balance_minor::text, held_minor::text FROM account WHERE id IN (${accountIds})`,
      );
      const moneyProblems: string[] = [];
      for (const { who } of holders) {
        const approvedSum = AMOUNT * BigInt(approvedCalls.filter((call) => call.holder.who === who).length);
        const row = accounts.find((account) => account.id === who.account.id)!;
        const view = await accountOf(who);
        const expected = { balance: DEPOSIT, held: approvedSum, available: DEPOSIT - approvedSum };
        const actual = {
          balance: BigInt(row.balance_minor),
          held: BigInt(row.held_minor),
          available: BigInt(view.available.amountMinor),
        };
        for (const field of ['balance', 'held', 'available'] as const) {
          if (expected[field] !== actual[field])
            moneyProblems.push(`${who.account.id} ${field}: ${actual[field]}, expected ${expected[field]}`);
        }
      }

      // ---- the topic: requests and decisions as the saga published them ----
      const sagaEvents = () => bank.recorder.values<Saga>(cardsTopic);
      const decisionsOf = () => {
        const decisions = new Map<string, Set<string>>();
        for (const event of sagaEvents()) {
          if (event.type !== 'CardHoldPlaced' && event.type !== 'CardHoldDeclined') continue;
          const id = event.payload.authorizationId!;
          decisions.set(id, (decisions.get(id) ?? new Set()).add(event.eventId));
        }
        return decisions;
      };
      // the recorder reads behind the services: wait until it has seen the account's answer to every hold it decided
      await waitFor(
        () => {
          const decided = decisionsOf();
          return holds.every((hold) => decided.has(hold.authorization_id));
        },
        {
          timeoutMs: 60_000,
          what: 'the recorder to see every decision',
        },
      ).catch(() => undefined);
      const events = sagaEvents();
      const requested = new Set(
        events.filter((e) => e.type === 'CardAuthorizationRequested').map((e) => e.payload.authorizationId!),
      );
      const decisions = decisionsOf();
      const topicProblems: string[] = [];
      for (const call of answered) {
        const id = call.answer!.body.id!;
        if (!requested.has(id)) {
          // only the card's own checks decline without asking the account; then nothing may be held either
          if (statusOf(call) === 'approved' || holdsOf.has(id)) topicProblems.push(`${id} has no request on the topic`);
          continue;
        }
        const decided = decisions.get(id)?.size ?? 0;
        if (decided !== 1) topicProblems.push(`${id} has ${decided} distinct decisions on the topic`);
      }
      const seen = new Set<string>();
      let duplicates = 0;
      for (const event of events) {
        if (seen.has(event.eventId)) duplicates++;
        seen.add(event.eventId);
      }

      const attempts = calls.flatMap((call) => call.attempts);
      const count = (status: number) => attempts.filter((s) => s === status).length;
      const firstApprovalAfter = (at: number) => {
        const times = calls
          .filter((call) => call.sentAt >= at && call.answer?.status === 201)
          .map((call) => call.answeredAt! - at);
        return times.length ? Math.min(...times) : undefined;
      };
      // the saga's longest standstill: the widest gap between one hold (or decision) and the next
      const longestPause = (times: readonly number[]) => {
        const sorted = [...times].sort((a, b) => a - b);
        let widest = { ms: 0, from: killedAt };
        for (let i = 1; i < sorted.length; i++) {
          if (sorted[i]! - sorted[i - 1]! > widest.ms)
            widest = { ms: sorted[i]! - sorted[i - 1]!, from: sorted[i - 1]! };
        }
        return `${seconds(widest.ms)}, from ${seconds(widest.from - killedAt)} after the kill`;
      };
      // the first authorization asked for after the repair that the saga approved, whenever it did
      const approvedAfterRepair = recorded
        .filter((row) => row.status === 'approved' && row.created >= repairedAt)
        .map((row) => row.at - repairedAt);
      const report: [string, string][] = [
        ['fault', fault],
        ['load', `${WORKERS} clients, ${seconds(loadMs)} (fault after ${seconds(killedAt - started)})`],
        ['calls', String(calls.length)],
        ['retried', String(calls.filter((call) => call.attempts.length > 1).length)],
        ['unanswered after retries', String(unanswered.length)],
        ['no answer (attempts)', String(count(0))],
        ['503s', String(count(503))],
        ['500s', String(count(500))],
        ['202 pending', String(answered.filter((call) => call.answer!.status === 202).length)],
        ['approved', String(approvedCalls.length)],
        ['declined', String(declinedCalls.length)],
        ['duplicates on topic', String(duplicates)],
        ['lost', String(lost.length)],
        ['repair took', seconds(repairedAt - repairStartedAt)],
        ['longest pause in holds', longestPause(holds.map((hold) => hold.at))],
        ['longest pause in decisions', longestPause(recorded.map((row) => row.at))],
        ['first 201 answer after kill', seconds(firstApprovalAfter(killedAt))],
        ['first 201 answer after repair', seconds(firstApprovalAfter(repairedAt))],
        [
          'first approval after repair',
          seconds(approvedAfterRepair.length ? Math.min(...approvedAfterRepair) : undefined),
        ],
      ];
      const width = Math.max(...report.map(([name]) => name.length));
      console.log(
        [
          '### card saga: leader of the saga’s partitions SIGKILLed under load',
          '',
          ...report.map(([name, value]) => `| ${name.padEnd(width)} | ${value} |`),
        ].join('\n'),
      );

      expect(calls.length, 'calls made').toBeGreaterThan(WORKERS);
      expect(
        unanswered.map((call) => call.key),
        'calls never answered, even retried',
      ).toEqual([]);
      // an outage is a 503 the network may retry with its key, never an unexplained 500
      expect(count(500), '500 answers').toBe(0);
      const odd = calls.filter((call) => call.answer && !ANSWERS.has(call.answer.status));
      expect(
        odd.map((call) => `${call.key}: ${call.answer!.status}`),
        'answers other than 201/202/402',
      ).toEqual([]);
      expect([...unsettled], 'authorizations left pending').toEqual([]);
      expect(
        lost.map((call) => call.answer!.body.id),
        'lost',
      ).toEqual([]);
      expect(
        contradicted.map((call) => call.answer!.body.id),
        'answers the saga contradicted',
      ).toEqual([]);
      expect(recordProblems, 'authorizations recorded by the card service').toEqual([]);
      expect(holdProblems, 'holds').toEqual([]);
      expect(moneyProblems, 'money').toEqual([]);
      expect(topicProblems, 'the saga on the topic').toEqual([]);
    },
  );
});
