import { z } from 'zod';

/** The fraud rules, by the name an alert carries. */
export const FRAUD_RULES = [
  'large-amount',
  'velocity',
  'card-testing',
  'impossible-travel',
  'new-account-drain',
  'structuring',
] as const;
export type FraudRuleName = (typeof FRAUD_RULES)[number];
export const fraudRuleSchema = z.enum(FRAUD_RULES);

export const ALERT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const alertSeveritySchema = z.enum(ALERT_SEVERITIES);

/** How an analyst closed an alert: `confirmed_fraud` keeps any freeze it caused, `false_positive` lifts it. */
export const ALERT_RESOLUTIONS = ['confirmed_fraud', 'false_positive'] as const;
export type AlertResolution = (typeof ALERT_RESOLUTIONS)[number];
export const alertResolutionSchema = z.enum(ALERT_RESOLUTIONS);

// the most AccountFrozen's and CardFrozen's reason holds
const MAX_REASON_LENGTH = 500;

/** Why a card or account was frozen, in the alert's own words, cut to what the freeze events allow. */
export function freezeReason(alertDescription: string): string {
  const reason = `Fraud alert: ${alertDescription}`;
  if (reason.length <= MAX_REASON_LENGTH) return reason;
  // never end on half of a surrogate pair: the cut would leave a character that is no character
  return `${reason.slice(0, MAX_REASON_LENGTH - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}
