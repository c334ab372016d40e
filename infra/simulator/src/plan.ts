import { FRAUD_RULES, type Currency, type FraudRuleName } from '@microbank/contracts';
import { canPlay, everydayAmount, everydayOpeningDeposit, patternFor, type Step } from './fraud-patterns';
import { Prng } from './prng';
import { CARD_LIMITS_MAJOR, EVERYDAY_UNIT, FRAUD_THRESHOLDS, HOME_COUNTRIES, SHOPS, currencyOf, minor } from './world';

export interface PlanOptions {
  readonly seed: number;
  readonly customers: number;
  /** honest requests per second */
  readonly rate: number;
  /** the share of customers who are fraudsters, 0 to 1 */
  readonly fraudRate: number;
  readonly durationSeconds: number;
}

export interface PlannedCustomer {
  readonly index: number;
  readonly fullName: string;
  readonly country: string;
  readonly currency: Currency;
  /** the fraud pattern this customer plays, or null for an honest one */
  readonly pattern: FraudRuleName | null;
  readonly needsCard: boolean;
  readonly openingDepositMinor: bigint | null;
}

export interface SimulationPlan {
  readonly options: PlanOptions;
  readonly customers: readonly PlannedCustomer[];
  /** every request of the traffic, in time order */
  readonly steps: readonly Step[];
}

const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'Tim',
  'Sophie',
  'Linus',
];
const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
  'Wilson',
];

// honest customers keep well clear of the fraud thresholds
const HONEST_SPEND_SHARE = 50n; // % of what they paid in themselves, far from the 80% of a drain
const HONEST_CARD_ATTEMPTS = 6; // per card within the velocity window, far from its 10
const HONEST_CARD_GAP_MS = 5_000;
const VELOCITY_WINDOW_MS = FRAUD_THRESHOLDS.velocityMinutes * 60_000;
const MIX = { 'card-payment': 45, transfer: 25, deposit: 18, withdrawal: 12 } as const;

/**
 * The whole simulation, decided by the seed before the first request: who the customers are, which of them are
 * fraudsters and what they play, and every honest request with its time and amount. The same options give the
 * same plan.
 */
export function planSimulation(options: PlanOptions): SimulationPlan {
  const prng = new Prng(options.seed);
  const durationMs = options.durationSeconds * 1_000;
  const fraudsters = Math.min(options.customers, Math.round(options.customers * options.fraudRate));
  const fraudulent = new Set(prng.shuffle(range(options.customers)).slice(0, fraudsters));
  // every rule once before any twice, in an order of the seed's choosing
  const rules = prng.shuffle(FRAUD_RULES);
  let nextRule = 0;

  const customers: PlannedCustomer[] = [];
  const steps: Step[] = [];
  for (const index of range(options.customers)) {
    const fullName = `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`;
    const pattern = fraudulent.has(index) ? rules[nextRule++ % rules.length]! : null;
    let country = prng.weighted(weights());
    while (pattern && !canPlay(pattern, currencyOf(country))) country = prng.weighted(weights());
    const currency = currencyOf(country);
    if (!pattern) {
      customers.push({
        index,
        fullName,
        country,
        currency,
        pattern,
        needsCard: true,
        openingDepositMinor: everydayOpeningDeposit(prng, currency),
      });
      continue;
    }
    const play = patternFor(pattern, { customer: index, country, currency }, prng);
    // patterns start in the first half of the run (or at once, in a run too short for them)
    const startMs = Math.floor(prng.next() * Math.max(0, Math.min(durationMs / 2, durationMs - play.spanMs)));
    steps.push(...play.steps(startMs));
    customers.push({
      index,
      fullName,
      country,
      currency,
      pattern,
      needsCard: play.needsCard,
      openingDepositMinor: play.openingDepositMinor,
    });
  }
  steps.push(...honestTraffic(prng, options, customers));
  steps.sort((a, b) => a.atMs - b.atMs || a.customer - b.customer);
  const { seed, customers: count, rate, fraudRate, durationSeconds } = options;
  // only the plan's own options: a caller may pass more (URLs, secrets)
  return { options: { seed, customers: count, rate, fraudRate, durationSeconds }, customers, steps };
}

interface HonestLedger {
  paidInMinor: bigint;
  spentMinor: bigint;
  cardAttempts: number[];
  cardSpentMinor: bigint;
}

function honestTraffic(prng: Prng, options: PlanOptions, customers: readonly PlannedCustomer[]): Step[] {
  const honest = customers.filter((c) => c.pattern === null);
  if (honest.length === 0) return [];
  const ledgers = new Map<number, HonestLedger>(
    honest.map((c) => [
      c.index,
      { paidInMinor: c.openingDepositMinor ?? 0n, spentMinor: 0n, cardAttempts: [], cardSpentMinor: 0n },
    ]),
  );
  const steps: Step[] = [];
  const count = Math.floor(options.rate * options.durationSeconds);
  for (let i = 0; i < count; i++) {
    const atMs = Math.floor(((i + prng.next()) * 1_000) / options.rate);
    const who = prng.pick(honest);
    const ledger = ledgers.get(who.index)!;
    const kind = prng.weighted(MIX);
    const amountMinor = everydayAmount(prng, who.currency);
    const canSpend = (ledger.spentMinor + amountMinor) * 100n <= ledger.paidInMinor * HONEST_SPEND_SHARE;
    const base = { atMs, customer: who.index, amountMinor, pattern: null };

    if (kind === 'card-payment' && canSpend && cardMayPay(ledger, atMs, amountMinor, who.currency)) {
      const [name, categoryCode] = prng.pick(SHOPS);
      const country = prng.pick(HOME_COUNTRIES[who.country]!.shopsIn);
      ledger.cardAttempts.push(atMs);
      ledger.cardSpentMinor += amountMinor;
      ledger.spentMinor += amountMinor;
      steps.push({ ...base, kind, merchant: { name, categoryCode, country }, capture: true });
      continue;
    }
    const peers = honest.filter((c) => c.currency === who.currency && c.index !== who.index);
    if (kind === 'transfer' && canSpend && peers.length > 0) {
      ledger.spentMinor += amountMinor;
      // money received is not counted as spendable: the transfer may post after the receiver's next debit
      steps.push({ ...base, kind, to: prng.pick(peers).index });
      continue;
    }
    if (kind === 'withdrawal' && canSpend) {
      ledger.spentMinor += amountMinor;
      steps.push({ ...base, kind });
      continue;
    }
    // a top-up, also when what was drawn could not be done: 100 to 500 units, far from any structuring band
    const unit = EVERYDAY_UNIT[who.currency];
    const topUp = prng.bigint(minor(100 * unit, who.currency), minor(500 * unit, who.currency));
    ledger.paidInMinor += topUp;
    steps.push({ ...base, kind: 'deposit', amountMinor: topUp });
  }
  return steps;
}

function cardMayPay(ledger: HonestLedger, atMs: number, amountMinor: bigint, currency: Currency): boolean {
  const recent = ledger.cardAttempts.filter((t) => atMs - t < VELOCITY_WINDOW_MS);
  const last = ledger.cardAttempts.at(-1);
  // half the daily limit: the run may span midnight UTC or follow an earlier one
  const dayBudget = minor(CARD_LIMITS_MAJOR.perDay, currency) / 2n;
  return (
    recent.length < HONEST_CARD_ATTEMPTS &&
    (last === undefined || atMs - last >= HONEST_CARD_GAP_MS) &&
    ledger.cardSpentMinor + amountMinor <= dayBudget
  );
}

function weights(): Record<string, number> {
  return Object.fromEntries(Object.entries(HOME_COUNTRIES).map(([country, { weight }]) => [country, weight]));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
