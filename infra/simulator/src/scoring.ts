import { FRAUD_RULES, type FraudRuleName } from '@microbank/contracts';

/** A fraud pattern the simulator played, and on what. */
export interface Injection {
  readonly rule: FraudRuleName;
  readonly userId: string;
  readonly accountId: string;
  readonly cardId: string | null;
}

/** An alert the fraud service raised about one of the simulated customers. */
export interface RaisedAlert {
  readonly id: string;
  readonly rule: FraudRuleName;
  readonly userId: string;
  readonly accountId: string;
  readonly cardId: string | null;
}

export interface RuleScore extends Tally {
  readonly rule: FraudRuleName;
}

export interface Tally {
  readonly injected: number;
  /** injections their rule raised an alert for */
  readonly truePositives: number;
  /** alerts of the rule that name no injection of it: honest customers, or a fraudster caught by another rule */
  readonly falsePositives: number;
  readonly missed: number;
  /** null when undefined (0/0): no alert of the rule at all */
  readonly precision: number | null;
  /** null when undefined (0/0): the rule was not injected */
  readonly recall: number | null;
}

/**
 * An alert is a true positive when an injection of the same rule names the subject the rule judges: the card for
 * the card rules (velocity, card testing, impossible travel), the account for the money rules.
 */
export function matches(alert: RaisedAlert, injection: Injection): boolean {
  if (alert.rule !== injection.rule || alert.userId !== injection.userId) return false;
  return CARD_RULES.has(alert.rule) ? alert.cardId === injection.cardId : alert.accountId === injection.accountId;
}

const CARD_RULES: ReadonlySet<FraudRuleName> = new Set(['velocity', 'card-testing', 'impossible-travel']);

/** Per rule, in the contract's order, and a total over all rules. */
export function scoreRules(injections: readonly Injection[], alerts: readonly RaisedAlert[]): RuleScore[] {
  return FRAUD_RULES.map((rule) => {
    const injected = injections.filter((i) => i.rule === rule);
    const raised = alerts.filter((a) => a.rule === rule);
    const truePositives = injected.filter((i) => raised.some((a) => matches(a, i))).length;
    const falsePositives = raised.filter((a) => !injected.some((i) => matches(a, i))).length;
    return { rule, ...tally(injected.length, truePositives, falsePositives) };
  });
}

/** The rules' counts summed, and the ratios of the sums (not an average of the rules' ratios). */
export function totalOf(scores: readonly RuleScore[]): Tally {
  const sum = (pick: (s: RuleScore) => number) => scores.reduce((total, s) => total + pick(s), 0);
  return tally(
    sum((s) => s.injected),
    sum((s) => s.truePositives),
    sum((s) => s.falsePositives),
  );
}

function tally(injected: number, truePositives: number, falsePositives: number): Tally {
  return {
    injected,
    truePositives,
    falsePositives,
    missed: injected - truePositives,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, injected),
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
