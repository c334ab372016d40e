import type { Currency, Merchant } from '@microbank/contracts';

export type EntryKind =
  'deposit' | 'withdrawal' | 'transfer_debit' | 'transfer_credit' | 'card_payment' | 'card_refund';
export type Direction = 'debit' | 'credit';

/** One side of a posting on one account. */
export interface PostingLeg {
  readonly accountId: string;
  readonly direction: Direction;
  readonly amountMinor: bigint;
  readonly kind: EntryKind;
  readonly counterpartyIban: string | null;
}

/** The card payment or refund a posting settles. */
export interface CardReference {
  readonly cardId: string;
  readonly authorizationId: string;
  readonly merchant: Merchant;
}

/** A double-entry posting: all legs in one currency, debits equal credits. */
export interface Posting {
  readonly transactionId: string;
  readonly kind: 'deposit' | 'withdrawal' | 'transfer' | 'card_payment' | 'card_refund';
  readonly currency: Currency;
  readonly reference: string | null;
  readonly legs: readonly PostingLeg[];
  readonly card?: CardReference;
}

export class UnbalancedPostingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnbalancedPostingError';
  }
}

/** Throws unless the posting has a debit and a credit, only positive amounts, and debits = credits. */
export function assertBalanced(posting: Posting): void {
  let debits = 0n;
  let credits = 0n;
  for (const leg of posting.legs) {
    if (leg.amountMinor <= 0n) throw new UnbalancedPostingError(`leg on ${leg.accountId} is not positive`);
    if (leg.direction === 'debit') debits += leg.amountMinor;
    else credits += leg.amountMinor;
  }
  if (debits === 0n || credits === 0n) throw new UnbalancedPostingError('a posting needs a debit and a credit');
  if (debits !== credits) {
    throw new UnbalancedPostingError(`debits ${debits} ≠ credits ${credits} in ${posting.transactionId}`);
  }
}

// every stored balance is credits minus debits: a customer's deposit is money the bank owes them
export function balanceAfter(balance: bigint, leg: Pick<PostingLeg, 'direction' | 'amountMinor'>): bigint {
  return leg.direction === 'credit' ? balance + leg.amountMinor : balance - leg.amountMinor;
}

/** Cash comes in: the bank's clearing account is debited, the customer's account credited. */
export function depositPosting(
  transactionId: string,
  currency: Currency,
  amountMinor: bigint,
  accountId: string,
  clearingAccountId: string,
  reference: string | null,
): Posting {
  return {
    transactionId,
    kind: 'deposit',
    currency,
    reference,
    legs: [
      { accountId: clearingAccountId, direction: 'debit', amountMinor, kind: 'deposit', counterpartyIban: null },
      { accountId, direction: 'credit', amountMinor, kind: 'deposit', counterpartyIban: null },
    ],
  };
}

/** Cash goes out: the customer's account is debited, the clearing account credited. */
export function withdrawalPosting(
  transactionId: string,
  currency: Currency,
  amountMinor: bigint,
  accountId: string,
  clearingAccountId: string,
  reference: string | null,
): Posting {
  return {
    transactionId,
    kind: 'withdrawal',
    currency,
    reference,
    legs: [
      { accountId, direction: 'debit', amountMinor, kind: 'withdrawal', counterpartyIban: null },
      { accountId: clearingAccountId, direction: 'credit', amountMinor, kind: 'withdrawal', counterpartyIban: null },
    ],
  };
}

/** Money moves between two customer accounts; each side names the other's IBAN. */
export function transferPosting(
  transactionId: string,
  currency: Currency,
  amountMinor: bigint,
  from: { id: string; iban: string },
  to: { id: string; iban: string },
  reference: string | null,
): Posting {
  return {
    transactionId,
    kind: 'transfer',
    currency,
    reference,
    legs: [
      { accountId: from.id, direction: 'debit', amountMinor, kind: 'transfer_debit', counterpartyIban: to.iban },
      { accountId: to.id, direction: 'credit', amountMinor, kind: 'transfer_credit', counterpartyIban: from.iban },
    ],
  };
}

/** A captured card payment: the customer's account is debited, the clearing account credited (the merchant's side). */
export function cardPaymentPosting(
  transactionId: string,
  currency: Currency,
  amountMinor: bigint,
  accountId: string,
  clearingAccountId: string,
  card: CardReference,
): Posting {
  return {
    transactionId,
    kind: 'card_payment',
    currency,
    reference: card.merchant.name,
    card,
    legs: [
      { accountId, direction: 'debit', amountMinor, kind: 'card_payment', counterpartyIban: null },
      { accountId: clearingAccountId, direction: 'credit', amountMinor, kind: 'card_payment', counterpartyIban: null },
    ],
  };
}

/** A merchant's refund: the clearing account is debited, the customer's account credited. */
export function cardRefundPosting(
  transactionId: string,
  currency: Currency,
  amountMinor: bigint,
  accountId: string,
  clearingAccountId: string,
  card: CardReference,
): Posting {
  return {
    transactionId,
    kind: 'card_refund',
    currency,
    reference: card.merchant.name,
    card,
    legs: [
      { accountId: clearingAccountId, direction: 'debit', amountMinor, kind: 'card_refund', counterpartyIban: null },
      { accountId, direction: 'credit', amountMinor, kind: 'card_refund', counterpartyIban: null },
    ],
  };
}
