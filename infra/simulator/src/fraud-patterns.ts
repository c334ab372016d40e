import type { Currency, FraudRuleName } from '@microbank/contracts';
import type { Prng } from './prng';
import { EVERYDAY_UNIT, FAR_COUNTRIES, FRAUD_THRESHOLDS, PROBE_SHOP, SHOPS, minor, type Merchant } from './world';

/** One request of the plan, `atMs` after the traffic starts, by customer number `customer`. */
export type Step =
  | {
      kind: 'deposit' | 'withdrawal';
      atMs: number;
      customer: number;
      amountMinor: bigint;
      pattern: FraudRuleName | null;
    }
  | { kind: 'transfer'; atMs: number; customer: number; to: number; amountMinor: bigint; pattern: FraudRuleName | null }
  | {
      kind: 'card-payment';
      atMs: number;
      customer: number;
      amountMinor: bigint;
      merchant: Merchant;
      /** honest payments are captured (posted to the ledger); a fraudster's attempts only authorize */
      capture: boolean;
      pattern: FraudRuleName | null;
    };

export interface FraudsterProfile {
  readonly country: string;
  readonly currency: Currency;
  readonly customer: number;
}

export interface PatternPlan {
  /** paid in while the customer is set up, before the traffic; null when the pattern's deposits are its steps */
  readonly openingDepositMinor: bigint | null;
  readonly needsCard: boolean;
  /** how long the pattern's steps take, from its first to its last */
  readonly spanMs: number;
  steps(startMs: number): Step[];
}

/** Whether a customer of `currency` can play `rule` within the account service's per-transaction limit. */
export function canPlay(rule: FraudRuleName, currency: Currency): boolean {
  // structuring deposits sit just under the reporting threshold: 1,500,000 yen is over the 1,000,000 yen maximum
  return rule !== 'structuring' || FRAUD_THRESHOLDS.reporting[currency] < 1_000_000;
}

/** An everyday amount in `currency`: 20 to 60 units, so a customer's debits never differ fivefold. */
export function everydayAmount(prng: Prng, currency: Currency): bigint {
  const unit = EVERYDAY_UNIT[currency];
  return prng.bigint(minor(20 * unit, currency), minor(60 * unit, currency));
}

/** What one fraudster does to trip `rule`, drawn just past the fraud service's default thresholds. */
export function patternFor(rule: FraudRuleName, who: FraudsterProfile, prng: Prng): PatternPlan {
  const { currency, customer, country } = who;
  const shop = (): Merchant => {
    const [name, categoryCode] = prng.pick(SHOPS);
    return { name, categoryCode, country };
  };
  const card = (atMs: number, amountMinor: bigint, merchant: Merchant): Step => ({
    kind: 'card-payment',
    atMs,
    customer,
    amountMinor,
    merchant,
    capture: false,
    pattern: rule,
  });
  const account = (kind: 'deposit' | 'withdrawal', atMs: number, amountMinor: bigint): Step => ({
    kind,
    atMs,
    customer,
    amountMinor,
    pattern: rule,
  });
  const opening = everydayOpeningDeposit(prng, currency);
  const t = FRAUD_THRESHOLDS;

  switch (rule) {
    case 'velocity': {
      // one more authorization than the limit, and one after it, half a second apart, all at home
      const amounts = Array.from({ length: t.velocityMax + 2 }, () => everydayAmount(prng, currency));
      const shops = amounts.map(() => shop());
      return {
        openingDepositMinor: opening,
        needsCard: true,
        spanMs: (amounts.length - 1) * 500,
        steps: (start) => amounts.map((amount, i) => card(start + i * 500, amount, shops[i]!)),
      };
    }
    case 'card-testing': {
      // one probe more than it takes: the last may already meet the freeze the alert asked for (402, code 59)
      const tinyMax = minor(t.tiny[currency], currency);
      const amounts = Array.from({ length: t.cardTestingCount + 1 }, () => prng.bigint(tinyMax / 4n, tinyMax));
      const [name, categoryCode] = PROBE_SHOP;
      return {
        openingDepositMinor: opening,
        needsCard: true,
        spanMs: (amounts.length - 1) * 700,
        steps: (start) => amounts.map((amount, i) => card(start + i * 700, amount, { name, categoryCode, country })),
      };
    }
    case 'impossible-travel': {
      const far = prng.pick(FAR_COUNTRIES.filter((c) => c !== country));
      const [home, abroad] = [everydayAmount(prng, currency), everydayAmount(prng, currency)];
      const [name, categoryCode] = prng.pick(SHOPS);
      const homeShop = shop();
      return {
        openingDepositMinor: opening,
        needsCard: true,
        spanMs: 3_000,
        steps: (start) => [
          card(start, home, homeShop),
          card(start + 3_000, abroad, { name, categoryCode, country: far }),
        ],
      };
    }
    case 'large-amount': {
      // three deposits of 1.1× the threshold, so one withdrawal at it is a large amount but no drain (≤ 37%)
      const limit = t.largeAmount[currency];
      const deposit = minor(Math.ceil(limit * 1.1), currency);
      const withdrawal = prng.bigint(minor(limit, currency), minor(limit * 1.2, currency));
      return {
        openingDepositMinor: null,
        needsCard: false,
        spanMs: 2_000,
        steps: (start) => [
          account('deposit', start, deposit),
          account('deposit', start + 500, deposit),
          account('deposit', start + 1_000, deposit),
          account('withdrawal', start + 2_000, withdrawal),
        ],
      };
    }
    case 'new-account-drain': {
      // paid in (over the minimum, under the large amount), then 90% out in two withdrawals a second apart
      const paidIn = prng.bigint(
        minor(t.drainMinimum[currency] * 1.2, currency),
        minor(t.drainMinimum[currency] * 3, currency),
      );
      const half = (paidIn * 45n) / 100n;
      return {
        openingDepositMinor: null,
        needsCard: false,
        spanMs: 2_000,
        steps: (start) => [
          account('deposit', start, paidIn),
          account('withdrawal', start + 1_000, half),
          account('withdrawal', start + 2_000, half),
        ],
      };
    }
    case 'structuring': {
      // each deposit 0.5% to 9% under the reporting threshold: inside the 10% margin, never at it
      const threshold = t.reporting[currency];
      const amounts = Array.from({ length: t.structuringCount }, () =>
        prng.bigint(minor(threshold * 0.91, currency), minor(threshold * 0.995, currency)),
      );
      return {
        openingDepositMinor: null,
        needsCard: false,
        spanMs: (amounts.length - 1) * 1_000,
        steps: (start) => amounts.map((amount, i) => account('deposit', start + i * 1_000, amount)),
      };
    }
  }
}

/** What a customer pays in when the account is opened: 1,000 to 5,000 units, well above any drain minimum. */
export function everydayOpeningDeposit(prng: Prng, currency: Currency): bigint {
  const unit = EVERYDAY_UNIT[currency];
  return prng.bigint(minor(1_000 * unit, currency), minor(5_000 * unit, currency));
}
