/**
 * `pnpm bench:fraud`: how long after a money movement commits its fraud alert reaches an analyst's live stream
 * (`GET /v1/alerts/stream`, Server-Sent Events), under steady load. The user, account and fraud services run as real
 * processes (BankUnderTest) on databases and topics of their own, removed at the end.
 *
 * 1. The maximum rate: closed-loop callers send small transfers back to back; what completes is the maximum.
 * 2. At half that rate, open loop (sends on a schedule, whether or not earlier ones were answered): the same small
 *    transfers, and every TRIGGER_EVERY_MS a withdrawal at the large-amount rule's threshold from an account that
 *    has had no alert (the rule raises one per account per 24 h). Each trigger's alert is timed from the posting's
 *    `postedAt` to its arrival on the stream.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BankUnderTest, EventStreamClient, waitFor, type Customer } from '@microbank/testing';

const MAX_RATE_SECONDS = Number(process.env.BENCH_MAX_RATE_SECONDS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
// the accounts the normal transfers go between; a multiple of CONCURRENCY, so no two callers debit one account
const PAYERS = Number(process.env.BENCH_PAYERS ?? 64);
// the open loop's rate (transactions a second, triggers included) instead of half the maximum
const RATE = process.env.BENCH_RATE === undefined ? undefined : Number(process.env.BENCH_RATE);
const TRIGGER_EVERY_MS = 200;
const TRIGGERS = Math.floor((SECONDS * 1000) / TRIGGER_EVERY_MS);
const TARGET_P99_MS = 250;
// the stream's heartbeat (15 s) pumps every stream again: longer than that, and an alert is missing, not late
const ALERT_GRACE_MS = 20_000;
// pinned rather than the service's default, so a change of default does not silently stop the triggers matching
const LARGE_AMOUNT = 'GBP:5000';
const TRIGGER_MINOR = '500000'; // 5,000.00 GBP: at the threshold, which the rule includes
// 20,000.00 paid in: the trigger takes a quarter, far from new-account-drain's 80 %, so it raises one alert only
const TRIGGER_FUNDING_MINOR = '2000000';
const PAYER_FUNDING_MINOR = '100000000'; // 1,000,000.00 GBP, the per-movement maximum
const NORMAL_MINOR = '100'; // every normal transfer the same 1.00: never "far above this customer's usual"
// signups and logins hash passwords (scrypt): a few at a time keep the two cores from queueing them all
const SIGNUP_BATCH = 8;
// a directory: the fraud service samples its CPU (cpu-profile.cjs) and writes a .cpuprofile there when it stops
const FRAUD_CPU_PROFILE = process.env.BENCH_FRAUD_CPU_PROFILE;

/** A customer whose current account (GBP) is funded, ready to move money. */
interface Funded {
  readonly token: string;
  readonly accountId: string;
  readonly iban: string;
}

/** One request as this process saw it (performance.now() clock); `body` kept for triggers and failures. */
interface Sent {
  readonly kind: 'normal' | 'trigger';
  readonly dueAt: number;
  readonly sentAt: number;
  readonly answeredAt: number;
  readonly status: number;
  readonly body: string;
  readonly accountId: string;
}

interface AlertOnStream {
  readonly accountId: string;
  readonly rule: string;
  readonly evidence: string[];
  readonly raisedAt: string;
  readonly detectedAt: string;
}

/** A trigger's timeline, every instant in epoch milliseconds (one machine, one clock). */
interface TriggerTimes {
  readonly accountId: string;
  readonly postedAt: number;
  readonly answeredAt: number;
  readonly eventId: string;
  readonly publishedAt: number | null;
  /** the fraud transaction's start: its inbox row's processed_at (now(), the database's clock) */
  readonly startedAt: number | null;
  /** the alert's detectedAt, its created_at */
  readonly detectedAt: number;
  readonly handledAt: number | null;
  readonly arrivedAt: number;
}

const benchStarted = performance.now();

function step(message: string): void {
  console.log(`▸ ${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s  ${message}`);
}

async function main(): Promise<void> {
  step('starting the user, account and fraud services on databases and topics of their own');
  const bank = await BankUnderTest.start(['user', 'account', 'fraud'], {
    // every bench customer signs up from 127.0.0.1: more than the default of ten signups per address
    user: { SIGNUPS_PER_ADDRESS: '1000' },
    fraud: {
      FRAUD_LARGE_AMOUNT: LARGE_AMOUNT,
      ...(FRAUD_CPU_PROFILE
        ? {
            NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile.cjs')}`,
            CPU_PROFILE_DIR: path.resolve(FRAUD_CPU_PROFILE),
          }
        : {}),
    },
  });
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= bank.stop());
  // interrupted (Ctrl-C, a timeout), it still stops the services and removes what it made before exiting
  const interrupted = (signal: NodeJS.Signals) => {
    step(`${signal}: stopping the services, dropping their databases and topics`);
    void stop().finally(() => process.exit(1));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let stream: EventStreamClient | undefined;
  try {
    step(`signing up ${PAYERS} payers and ${TRIGGERS} trigger customers, funding their accounts`);
    const payers = await inBatches(PAYERS, (i) => funded(bank, `bench-payer-${i}`, PAYER_FUNDING_MINOR));
    const triggers = await inBatches(TRIGGERS, (i) => funded(bank, `bench-trigger-${i}`, TRIGGER_FUNDING_MINOR));
    step('waiting for the fraud service to know every account and to have judged every deposit');
    await fraudCaughtUp(bank, PAYERS + TRIGGERS);

    const analyst = await bank.analyst();
    stream = await EventStreamClient.open(`${bank.urls.fraud}/v1/alerts/stream`, {
      authorization: `Bearer ${analyst.token}`,
    });
    if (stream.status !== 200) throw new Error(`the alert stream answered ${stream.status}`);

    const transfer = transfers(bank.urls.account, payers);
    step(`warming up: POST /v1/transfers of 1.00 GBP, ${CONCURRENCY} closed-loop callers, ${WARM_UP_SECONDS} s`);
    await closedLoop(WARM_UP_SECONDS, transfer);
    step(`maximum rate: the same, ${MAX_RATE_SECONDS} s`);
    const closedFrom = new Date();
    const closedStart = cpuSnapshot(bank.prefix);
    const closed = await closedLoop(MAX_RATE_SECONDS, transfer);
    const closedCpu = cpuUse(closedStart, cpuSnapshot(bank.prefix));
    const closedTo = new Date();
    const maxRate = closed.sent.filter((sent) => sent.status === 201).length / closed.seconds;
    step(`maximum rate ${maxRate.toFixed(1)}/s; waiting for the fraud service to judge the postings it left behind`);
    const lagMs = await fraudCaughtUp(bank, PAYERS + TRIGGERS);
    const fraudRate =
      (await judgedBetween(bank, closedFrom, closedTo)) / ((closedTo.getTime() - closedFrom.getTime()) / 1000);

    const offered = RATE ?? maxRate / 2;
    const normalRate = Math.max(offered - 1000 / TRIGGER_EVERY_MS, 1);
    step(
      `open loop: ${offered.toFixed(1)}/s for ${SECONDS} s — ${normalRate.toFixed(1)}/s transfers and a ` +
        `${TRIGGER_MINOR.slice(0, -2)}.00 GBP withdrawal every ${TRIGGER_EVERY_MS} ms from a fresh account`,
    );
    const wallOffset = Date.now() - performance.now();
    const openedAt = new Date();
    const openStart = cpuSnapshot(bank.prefix);
    const open = await openLoop(schedule(normalRate), transfer, withdrawals(bank.urls.account, triggers));
    const openCpu = cpuUse(openStart, cpuSnapshot(bank.prefix));

    step('waiting for the fraud service to judge every posting, and for an alert for every trigger on the stream');
    await fraudCaughtUp(bank, PAYERS + TRIGGERS);
    // from the open loop's start until every posting it made was judged: the fraud service's CPU for all of them
    const judgedCpu = cpuUse(openStart, cpuSnapshot(bank.prefix));
    const triggered = open.filter((sent) => sent.kind === 'trigger' && sent.status === 201);
    const wanted = new Set(triggered.map((sent) => sent.accountId));
    const alerts = () => alertsFor(stream!, wanted);
    // every trigger is judged by now: an alert later than this is not coming (a lost NOTIFY waits for a heartbeat)
    await waitFor(() => alerts().size >= wanted.size, {
      timeoutMs: ALERT_GRACE_MS,
      intervalMs: 100,
      what: `alerts for ${wanted.size} triggers`,
    }).catch(() => undefined); // the report names the triggers left without one
    const handled = handledTimes(bank.logs);
    const times = await timelines(bank, triggered, alerts(), handled, wallOffset);
    const postings = await pipeline(bank, openedAt, handled);

    const failed = report({
      maxRate,
      lagMs,
      fraudRate,
      closed,
      offered,
      open,
      times,
      postings,
      cpu: { closed: closedCpu, open: openCpu, judged: judgedCpu },
      stream,
      logs: bank.logs,
    });
    if (failed) process.exitCode = 1;
  } finally {
    await stream?.close();
    if (!stopped) step('stopping the services, dropping their databases and topics');
    await stop();
  }
}

/** `count` of `make`, at most SIGNUP_BATCH at a time. */
async function inBatches<T>(count: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let from = 0; from < count; from += SIGNUP_BATCH) {
    const batch = Array.from({ length: Math.min(SIGNUP_BATCH, count - from) }, (_, i) => make(from + i));
    made.push(...(await Promise.all(batch)));
  }
  return made;
}

async function funded(bank: BankUnderTest, name: string, amountMinor: string): Promise<Funded> {
  const who: Customer = await bank.customer(name);
  const deposit = await bank.call('account', 'POST', `/v1/accounts/${who.account.id}/deposits`, {
    token: who.token,
    key: randomUUID(),
    body: { amountMinor, currency: 'GBP' },
  });
  if (deposit.status !== 201) throw new Error(`the deposit for ${name} answered ${deposit.status}`);
  return { token: who.token, accountId: who.account.id, iban: who.account.iban };
}

/**
 * Resolves once the fraud service knows `accounts` accounts and has handled every TransactionPosted the account
 * service wrote, so no backlog from one phase delays the next; returns how long that took.
 */
async function fraudCaughtUp(bank: BankUnderTest, accounts: number): Promise<number> {
  const started = performance.now();
  const count = async (service: 'account' | 'fraud', sql: string) =>
    Number((await bank.databaseRows<{ n: string }>(service, sql))[0]?.n);
  await waitFor(
    async () => {
      const [known, written, handled] = await Promise.all([
        count('fraud', 'SELECT count(*) AS n FROM known_account'),
        count('account', `SELECT count(*) AS n FROM outbox_event WHERE event_type = 'TransactionPosted'`),
        count('fraud', `SELECT count(*) AS n FROM inbox_event WHERE event_type = 'TransactionPosted'`),
      ]);
      return known >= accounts && handled >= written;
    },
    { timeoutMs: 600_000, intervalMs: 250, what: 'the fraud service to catch up' },
  );
  return performance.now() - started;
}

/** How many TransactionPosted the fraud service started judging from `from` until `to`. */
async function judgedBetween(bank: BankUnderTest, from: Date, to: Date): Promise<number> {
  const [row] = await bank.databaseRows<{ n: string }>(
    'fraud',
    `SELECT count(*) AS n FROM inbox_event
      WHERE event_type = 'TransactionPosted'
        AND processed_at >= '${from.toISOString()}'::timestamptz AND processed_at < '${to.toISOString()}'::timestamptz`,
  );
  return Number(row?.n);
}

/** Send i transfers 1.00 GBP from payer i (modulo their number) to another payer, under a fresh idempotency key. */
function transfers(base: string, payers: readonly Funded[]) {
  return (i: number) => {
    const from = payers[i % payers.length]!;
    const to = payers[(i + 1 + Math.floor(Math.random() * (payers.length - 1))) % payers.length]!;
    return post(base, '/v1/transfers', from, {
      fromAccountId: from.accountId,
      toIban: to.iban,
      amountMinor: NORMAL_MINOR,
      currency: 'GBP',
    });
  };
}

/** Trigger k withdraws the threshold from trigger account k: each account raises its one alert. */
function withdrawals(base: string, triggers: readonly Funded[]) {
  return (k: number) => {
    const from = triggers[k]!;
    return post(base, `/v1/accounts/${from.accountId}/withdrawals`, from, {
      amountMinor: TRIGGER_MINOR,
      currency: 'GBP',
    });
  };
}

type Answer = Omit<Sent, 'kind' | 'dueAt'>;

/** Awaits a request to its last byte; never throws (status 0: no answer). */
async function post(base: string, route: string, as: Funded, body: object): Promise<Answer> {
  const sentAt = performance.now();
  try {
    const response = await fetch(`${base}${route}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${as.token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { sentAt, answeredAt: performance.now(), status: response.status, body: text, accountId: as.accountId };
  } catch (error) {
    return { sentAt, answeredAt: performance.now(), status: 0, body: String(error), accountId: as.accountId };
  }
}

/** CONCURRENCY callers, each sending its next request as soon as the last is answered, until `seconds` have passed. */
async function closedLoop(
  seconds: number,
  send: (i: number) => Promise<Answer>,
): Promise<{ seconds: number; sent: Sent[] }> {
  const sent: Sent[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, caller) => {
      // caller c sends c, c + CONCURRENCY, c + 2 · CONCURRENCY…: its own share of the payers
      for (let i = caller; performance.now() < until; i += CONCURRENCY) {
        const answer = await send(i);
        sent.push({ ...answer, kind: 'normal', dueAt: answer.sentAt });
      }
    }),
  );
  // the last answers arrive after the deadline: the rate is over the time the callers really ran
  return { seconds: (performance.now() - started) / 1000, sent };
}

interface Planned {
  readonly at: number;
  readonly kind: 'normal' | 'trigger';
  readonly index: number;
}

/** Normal sends evenly at `normalRate`, triggers every TRIGGER_EVERY_MS (half a step later), over SECONDS. */
function schedule(normalRate: number): Planned[] {
  const plan: Planned[] = [];
  for (let index = 0; index * (1000 / normalRate) < SECONDS * 1000; index++) {
    plan.push({ at: index * (1000 / normalRate), kind: 'normal', index });
  }
  for (let index = 0; index < TRIGGERS; index++) {
    plan.push({ at: (index + 0.5) * TRIGGER_EVERY_MS, kind: 'trigger', index });
  }
  return plan.sort((a, b) => a.at - b.at);
}

/** Sends each planned request at its time, answered or not the ones before it: a load that does not back off. */
async function openLoop(
  plan: readonly Planned[],
  normal: (i: number) => Promise<Answer>,
  trigger: (k: number) => Promise<Answer>,
): Promise<Sent[]> {
  const started = performance.now();
  const inFlight: Promise<Sent>[] = [];
  for (const planned of plan) {
    const wait = started + planned.at - performance.now();
    if (wait > 1) await sleep(wait);
    const send = planned.kind === 'trigger' ? trigger : normal;
    const dueAt = started + planned.at;
    inFlight.push(send(planned.index).then((answer) => ({ ...answer, kind: planned.kind, dueAt })));
  }
  return Promise.all(inFlight);
}

/** The first large-amount alert on the stream for each wanted account, with its arrival (performance.now()). */
function alertsFor(
  client: EventStreamClient,
  wanted: ReadonlySet<string>,
): Map<string, { alert: AlertOnStream; receivedAt: number }> {
  const found = new Map<string, { alert: AlertOnStream; receivedAt: number }>();
  for (const event of client.events) {
    if (event.event !== 'alert') continue;
    const alert = JSON.parse(event.data) as AlertOnStream;
    if (alert.rule === 'large-amount' && wanted.has(alert.accountId) && !found.has(alert.accountId)) {
      found.set(alert.accountId, { alert, receivedAt: event.receivedAt });
    }
  }
  return found;
}

/**
 * Every instant of each trigger that got its alert: the posting's `postedAt` (the account service's clock, taken in
 * its transaction just before the posting's statements), the 201's arrival, the outbox row's publication (after
 * Kafka's ack), the start of the fraud service's transaction (its inbox row), the alert's `detectedAt`, the fraud
 * service's "handled event" log line (after its commit) and the arrival on the stream.
 */
async function timelines(
  bank: BankUnderTest,
  triggered: readonly Sent[],
  alerts: Map<string, { alert: AlertOnStream; receivedAt: number }>,
  handledAt: ReadonlyMap<string, number>,
  wallOffset: number,
): Promise<TriggerTimes[]> {
  const eventIds = [...alerts.values()].map(({ alert }) => alert.evidence[0]!);
  const uuids = eventIds.filter((id) => /^[0-9a-f-]{36}$/.test(id)).map((id) => `'${id}'`);
  const at = async (service: 'account' | 'fraud', table: string, column: string) => {
    if (uuids.length === 0) return new Map<string, number>();
    const rows = await bank.databaseRows<{ eventId: string; at: string | null }>(
      service,
      `SELECT event_id AS "eventId", extract(epoch FROM ${column}) * 1000 AS at
         FROM ${table} WHERE event_id IN (${uuids.join(',')})`,
    );
    return new Map(rows.flatMap((row) => (row.at === null ? [] : [[row.eventId, Number(row.at)] as const])));
  };
  const [publishedAt, startedAt] = await Promise.all([
    at('account', 'outbox_event', 'published_at'),
    at('fraud', 'inbox_event', 'processed_at'),
  ]);
  return triggered.flatMap((sent) => {
    const got = alerts.get(sent.accountId);
    if (!got) return [];
    const eventId = got.alert.evidence[0]!;
    const { postedAt } = JSON.parse(sent.body) as { postedAt: string };
    return [
      {
        accountId: sent.accountId,
        postedAt: Date.parse(postedAt),
        answeredAt: sent.answeredAt + wallOffset,
        eventId,
        publishedAt: publishedAt.get(eventId) ?? null,
        startedAt: startedAt.get(eventId) ?? null,
        detectedAt: Date.parse(got.alert.detectedAt),
        handledAt: handledAt.get(eventId) ?? null,
        arrivedAt: got.receivedAt + wallOffset,
      },
    ];
  });
}

/** When the fraud service committed each event it handled: its "handled event" log line, written after the commit. */
function handledTimes(logs: readonly string[]): Map<string, number> {
  const handledAt = new Map<string, number>();
  for (const line of logs) {
    if (!line.includes('"handled event"') || !line.includes('"fraud"')) continue;
    const entry = JSON.parse(line) as { service?: string; eventId?: string; time?: string };
    if (entry.service === 'fraud' && entry.eventId && entry.time) handledAt.set(entry.eventId, Date.parse(entry.time));
  }
  return handledAt;
}

/** Every posting of the open loop on its way to the fraud service's verdict, alert or not, in ms. */
interface Pipeline {
  readonly postings: number;
  /** the account's transaction start (outbox created_at) → Kafka's ack (published_at) */
  readonly publish: number[];
  /** Kafka's ack → the fraud consumer's transaction start (inbox processed_at) */
  readonly wait: number[];
  /** the fraud consumer's transaction, start → committed ("handled event") */
  readonly judge: number[];
  /** from the first of those transactions' start to the last one's commit */
  readonly spanMs: number;
}

async function pipeline(bank: BankUnderTest, from: Date, handledAt: ReadonlyMap<string, number>): Promise<Pipeline> {
  const since = `'${from.toISOString()}'::timestamptz`;
  type Row = { eventId: string; created: string; published: string | null };
  const [written, taken] = await Promise.all([
    bank.databaseRows<Row>(
      'account',
      `SELECT event_id AS "eventId", extract(epoch FROM created_at) * 1000 AS created,
              extract(epoch FROM published_at) * 1000 AS published
         FROM outbox_event WHERE event_type = 'TransactionPosted' AND created_at >= ${since}`,
    ),
    bank.databaseRows<{ eventId: string; processed: string }>(
      'fraud',
      `SELECT event_id AS "eventId", extract(epoch FROM processed_at) * 1000 AS processed
         FROM inbox_event WHERE event_type = 'TransactionPosted'`,
    ),
  ]);
  const startedAt = new Map(taken.map((row) => [row.eventId, Number(row.processed)]));
  const legs = { publish: [] as number[], wait: [] as number[], judge: [] as number[] };
  let first = Infinity;
  let last = -Infinity;
  for (const row of written) {
    const started = startedAt.get(row.eventId);
    const committed = handledAt.get(row.eventId);
    if (row.published === null || started === undefined || committed === undefined) continue;
    legs.publish.push(Number(row.published) - Number(row.created));
    legs.wait.push(started - Number(row.published));
    legs.judge.push(committed - started);
    first = Math.min(first, started);
    last = Math.max(last, committed);
  }
  return { postings: written.length, ...legs, spanMs: Math.max(last - first, 0) };
}

const CLOCK_TICK_MS = 10; // getconf CLK_TCK = 100 on Linux

interface CpuSnapshot {
  readonly at: number;
  /** the machine's busy ticks, all cores */
  readonly busy: number;
  readonly processes: ReadonlyMap<number, { readonly group: string; readonly ticks: number }>;
}

/** CPU used so far by the machine (/proc/stat) and by each process the bench tells apart (/proc/<pid>/stat). */
function cpuSnapshot(prefix: string): CpuSnapshot {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const processes = new Map<number, { group: string; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const group = groupOf(pid, stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), prefix);
      // after the ")" of comm: state is field [0], utime [11], stime [12]
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (group) processes.set(pid, { group, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone between readdir and read
    }
  }
  return { at: performance.now(), busy: user! + nice! + system! + irq! + softirq! + steal!, processes };
}

function groupOf(pid: number, comm: string, prefix: string): string | undefined {
  if (pid === process.pid) return 'the bench (load, stream)';
  if (comm === 'postgres') return 'PostgreSQL (every database)';
  if (comm === 'java') return 'Kafka + ZooKeeper';
  if (comm !== 'node') return undefined;
  const service = /services\/(\w+)\/dist\/main\.js/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1];
  // this run's services only: other runs on the machine count as "everything else"
  const ours = service && readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`KAFKA_TOPIC_PREFIX=${prefix}\0`);
  return ours ? `${service} service` : undefined;
}

interface CpuUse {
  readonly windowMs: number;
  /** each group's share of one core, in %, with the machine's and the rest */
  readonly shares: Map<string, number>;
}

function cpuUse(from: CpuSnapshot, to: CpuSnapshot): CpuUse {
  const windowMs = to.at - from.at;
  const use = new Map<string, number>();
  for (const [pid, { group, ticks }] of to.processes) {
    // a process started inside the window (a new connection's backend) counts from its start
    const used = (ticks - (from.processes.get(pid)?.ticks ?? 0)) * CLOCK_TICK_MS;
    use.set(group, (use.get(group) ?? 0) + (100 * used) / windowMs);
  }
  const machine = (100 * (to.busy - from.busy) * CLOCK_TICK_MS) / windowMs;
  const known = [...use.values()].reduce((sum, share) => sum + share, 0);
  use.set('everything else', Math.max(machine - known, 0));
  use.set('the machine', machine);
  return { windowMs, shares: use };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '—');
const spread = (values: readonly number[]) => {
  const s = sorted(values);
  return [0.5, 0.9, 0.99].map((q) => ms(percentile(s, q))).join(' / ') + ` / ${ms(s.at(-1) ?? NaN)}`;
};

interface Results {
  readonly maxRate: number;
  readonly lagMs: number;
  /** postings the fraud service judged per second during the max-rate phase */
  readonly fraudRate: number;
  readonly closed: { seconds: number; sent: Sent[] };
  readonly offered: number;
  readonly open: readonly Sent[];
  readonly times: readonly TriggerTimes[];
  readonly postings: Pipeline;
  readonly cpu: { readonly closed: CpuUse; readonly open: CpuUse; readonly judged: CpuUse };
  readonly stream: EventStreamClient;
  readonly logs: readonly string[];
}

/** Prints the results; true when a trigger failed or got no alert (the bench's failure, not a missed target). */
function report({
  maxRate,
  lagMs,
  fraudRate,
  closed,
  offered,
  open,
  times,
  postings,
  cpu,
  stream,
  logs,
}: Results): boolean {
  const cpus = os.cpus();
  console.log(
    `\nOne run on ${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ` +
      `user, account and fraud services; transfers of 1.00 GBP among ${PAYERS} accounts; triggers: withdrawals of ` +
      `${TRIGGER_MINOR.slice(0, -2)}.00 GBP (FRAUD_LARGE_AMOUNT=${LARGE_AMOUNT}), one account each\n`,
  );
  const triggers = open.filter((sent) => sent.kind === 'trigger');
  const normals = open.filter((sent) => sent.kind === 'normal');
  const ok = open.filter((sent) => sent.status === 201);
  const openSeconds = (Math.max(...open.map((sent) => sent.answeredAt)) - Math.min(...open.map((s) => s.dueAt))) / 1000;
  const fromPosted = times.map((t) => t.arrivedAt - t.postedAt);
  const fromAnswer = times.map((t) => t.arrivedAt - t.answeredAt);
  const p99 = percentile(sorted(fromPosted), 0.99);
  const closedFailed = closed.sent.filter((sent) => sent.status !== 201).length;
  const rows: [string, string][] = [
    [
      `max rate (closed loop, ${CONCURRENCY} callers, ${MAX_RATE_SECONDS} s)`,
      `${maxRate.toFixed(1)} transfers/s` + (closedFailed ? ` (${closedFailed} not 201)` : ''),
    ],
    ['… the fraud service behind afterwards', `${(lagMs / 1000).toFixed(1)} s to judge what it left behind`],
    [
      '… the fraud service judged meanwhile',
      `${fraudRate.toFixed(1)} postings/s (a transfer is two: its maximum under this load, if it fell behind)`,
    ],
    [
      `offered rate (open loop, ${SECONDS} s, ${RATE === undefined ? 'half the max' : 'BENCH_RATE'})`,
      `${offered.toFixed(1)}/s: ${(normals.length / SECONDS).toFixed(1)} transfers + ${(triggers.length / SECONDS).toFixed(1)} triggers`,
    ],
    ['achieved rate (201 answers)', `${(ok.length / openSeconds).toFixed(1)}/s, ${open.length - ok.length} not 201`],
    [
      '… the fraud service judged them',
      `${postings.judge.length} postings in ${(postings.spanMs / 1000).toFixed(1)} s: ` +
        `${((1000 * postings.judge.length) / postings.spanMs).toFixed(1)}/s`,
    ],
    ['transfer answer p50 / p90 / p99 / max ms', spread(normals.map((s) => s.answeredAt - s.sentAt))],
    ['send behind schedule p50 / p90 / p99 / max ms', spread(open.map((s) => Math.max(s.sentAt - s.dueAt, 0)))],
    ['triggers (201)', `${triggers.filter((s) => s.status === 201).length} of ${triggers.length}`],
    ['alerts received for them', String(times.length)],
    ['latency from postedAt p50 / p90 / p99 / max ms', spread(fromPosted)],
    ['… from the 201’s arrival (lower bound)', spread(fromAnswer)],
    [
      `target p99 < ${TARGET_P99_MS} ms (from postedAt)`,
      times.length === 0 ? 'no alerts' : p99 < TARGET_P99_MS ? `PASS (${ms(p99)} ms)` : `MISS (${ms(p99)} ms)`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  console.log(`| ${''.padEnd(width)} | ${'result'.padEnd(valueWidth)} |`);
  console.log(`| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} |`);
  for (const [name, value] of rows) console.log(`| ${name.padEnd(width)} | ${value.padEnd(valueWidth)} |`);

  console.log(
    '\nLatency is measured from the posting’s postedAt, the account service’s clock read inside its transaction just ' +
      'before the posting is written, so it includes the rest of that transaction and its COMMIT (an upper bound, ' +
      'by a few ms); the 201 arrives after the commit (a lower bound). One machine, one clock.',
  );
  const legs: [string, number[]][] = [
    ['postedAt → Kafka ack (account tx, relay)', []],
    ['Kafka ack → fraud tx start (consumer)', []],
    ['fraud tx start → committed (rules, alert)', []],
    ['committed → on the stream (NOTIFY, pump)', []],
    ['(fraud tx start → the alert’s detectedAt)', []],
  ];
  for (const t of times) {
    if (t.publishedAt === null || t.startedAt === null || t.handledAt === null) continue;
    legs[0]![1].push(t.publishedAt - t.postedAt);
    legs[1]![1].push(t.startedAt - t.publishedAt);
    legs[2]![1].push(t.handledAt - t.startedAt);
    legs[3]![1].push(t.arrivedAt - t.handledAt);
    legs[4]![1].push(t.detectedAt - t.startedAt);
  }
  console.log(`\nWhere a trigger's time went (${legs[0]![1].length} alerts), p50 / p90 / p99 / max ms:`);
  for (const [leg, values] of legs) console.log(`  ${leg.padEnd(44)} ${spread(values)}`);
  console.log(
    `\nEvery posting of the open loop (${postings.judge.length} of ${postings.postings} traced), ` +
      `p50 / p90 / p99 / max ms:`,
  );
  console.log(`  ${'account tx start → Kafka ack'.padEnd(44)} ${spread(postings.publish)}`);
  console.log(`  ${'Kafka ack → fraud tx start'.padEnd(44)} ${spread(postings.wait)}`);
  console.log(`  ${'fraud tx start → committed'.padEnd(44)} ${spread(postings.judge)}`);
  const busy = postings.judge.reduce((sum, value) => sum + value, 0) / postings.spanMs;
  console.log(
    `  the fraud consumer's transactions summed to ${(100 * busy).toFixed(0)} % of the ` +
      `${(postings.spanMs / 1000).toFixed(1)} s from the first one's start to the last one's commit (it consumes up ` +
      `to 3 partitions at a time: 300 % is saturated)`,
  );

  console.log('\nCPU, % of one core (the machine has ' + `${cpus.length * 100} %):`);
  const groups = [...new Set([...cpu.closed.shares.keys(), ...cpu.open.shares.keys()])];
  const share = (use: CpuUse, group: string) => (use.shares.get(group) ?? 0).toFixed(0).padStart(9);
  console.log(`  ${''.padEnd(30)} ${'max rate'.padStart(9)} ${'open loop'.padStart(9)}`);
  for (const group of groups)
    console.log(`  ${group.padEnd(30)} ${share(cpu.closed, group)} ${share(cpu.open, group)}`);
  const fraudShare = cpu.judged.shares.get('fraud service');
  if (fraudShare !== undefined && postings.postings > 0) {
    const perPosting = (fraudShare * cpu.judged.windowMs) / 100 / postings.postings;
    console.log(`  the fraud service: ${perPosting.toFixed(1)} ms of CPU per posting of the open loop it judged`);
  }

  let failed = false;
  const failures = new Map<string, { count: number; body: string }>();
  for (const sent of [...closed.sent, ...open].filter((s) => s.status !== 201)) {
    const key = `${sent.kind} ${sent.status || 'no answer'}`;
    const seen = failures.get(key) ?? { count: 0, body: sent.body.slice(0, 300) };
    failures.set(key, { ...seen, count: seen.count + 1 });
  }
  for (const [key, { count, body }] of failures) console.log(`  ${count} × ${key}, e.g. ${body}`);
  const failedTriggers = triggers.filter((sent) => sent.status !== 201);
  if (failedTriggers.length > 0) {
    failed = true;
    console.log(`\nERROR: ${failedTriggers.length} triggers were not posted (no alert can follow)`);
  }
  const alerted = new Set(times.map((t) => t.accountId));
  const missing = triggers.filter((sent) => sent.status === 201 && !alerted.has(sent.accountId));
  if (missing.length > 0) {
    failed = true;
    console.log(
      `\nERROR: ${missing.length} triggers got no alert on the stream within ${ALERT_GRACE_MS / 1000} s of being judged:`,
    );
    for (const sent of missing.slice(0, 10))
      console.log(`  account ${sent.accountId}, posted ${sent.body.slice(0, 200)}`);
  }
  if (stream.ended) console.log(`\nThe alert stream ended during the run: ${stream.ended.error?.message ?? 'closed'}`);
  // the services log one JSON object a line: a retry, a crashed consumer or a relay error shows here first
  const troubles = logs.filter((entry) => /"level":"(warn|error|fatal)"/.test(entry));
  if (troubles.length > 0) {
    console.log(`\n${troubles.length} warnings and errors in the services' logs, the first:`);
    for (const entry of troubles.slice(0, 5)) console.log(`  ${entry.slice(0, 300)}`);
  }
  return failed;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
