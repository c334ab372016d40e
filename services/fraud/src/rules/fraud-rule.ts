import type { AlertSeverity, Currency, DeclineReason, FraudRuleName, Money } from '@microbank/contracts';

/** One posting on an account (from TransactionPosted), as the rules see it. */
export interface PostingFact {
  readonly eventId: string;
  readonly accountId: string;
  readonly userId: string;
  readonly kind: string;
  readonly direction: 'credit' | 'debit';
  readonly amountMinor: bigint;
  readonly currency: Currency;
  readonly at: Date;
}

/** What the money rules look back over when a posting arrives. */
export interface PostingHistory {
  readonly account: { readonly openedAt: Date; readonly currency: Currency };
  /** This account's postings of the last day at least (and since opening), oldest first, the new one included. */
  readonly recent: readonly PostingFact[];
  /** The customer's debits before this posting, newest first, in the posting's currency. */
  readonly earlierDebits: readonly PostingFact[];
}

/** One authorization attempt on a card (from CardAuthorizationRequested or Declined). */
export interface CardAttemptFact {
  readonly eventId: string;
  readonly authorizationId: string;
  readonly cardId: string;
  readonly accountId: string;
  readonly amountMinor: bigint;
  readonly currency: Currency;
  readonly country: string;
  readonly at: Date;
  readonly declined: boolean;
  /** Why it was declined, when it was (a card's own checks or the account's answer). */
  readonly declineReason: DeclineReason | null;
}

/** What a rule asks for when it matches; the alert raiser turns it into an alert (or nothing, inside its window). */
export interface AlertDraft {
  readonly rule: FraudRuleName;
  readonly severity: AlertSeverity;
  readonly score: number;
  readonly description: string;
  readonly subject: { readonly kind: 'card' | 'account'; readonly id: string };
  /** One alert per rule and subject within this window: later matches inside it add nothing. */
  readonly windowMs: number;
  readonly evidence: readonly string[];
  readonly amount: Money | null;
  readonly freezeCard: boolean;
  readonly freezeAccount: boolean;
}

export interface PostingRule {
  readonly name: FraudRuleName;
  evaluate(posting: PostingFact, history: PostingHistory): AlertDraft | null;
}

export interface CardRule {
  readonly name: FraudRuleName;
  /** `earlier`: this card's attempts before this one, newest first. */
  evaluate(attempt: CardAttemptFact, earlier: readonly CardAttemptFact[]): AlertDraft | null;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
