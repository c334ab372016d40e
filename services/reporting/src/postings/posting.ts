import type { Currency, EventOf, TransactionPostedV1, TransactionPostedV2 } from '@microbank/contracts';
import type { Direction, SpendingCategory, TransactionKind } from '../generated/prisma/enums';
import { categoryOfMcc } from '../spending/merchant-categories';

/** One TransactionPosted, v1 or v2, as every read model records it. */
export interface Posting {
  readonly eventId: string;
  readonly transactionId: string;
  readonly accountId: string;
  readonly kind: TransactionKind;
  readonly direction: Direction;
  readonly amountMinor: bigint;
  readonly balanceAfterMinor: bigint;
  readonly currency: Currency;
  readonly postedAt: Date;
  readonly description: string;
  readonly cardId: string | null;
  readonly merchantCategory: string | null;
  /** Set on card payments and refunds only: what counts as spending. */
  readonly category: SpendingCategory | null;
}

const KIND_LABELS: Record<TransactionKind, string> = {
  deposit: 'Deposit',
  withdrawal: 'Withdrawal',
  transfer_debit: 'Transfer out',
  transfer_credit: 'Transfer in',
  card_payment: 'Card payment',
  card_refund: 'Card refund',
};

type PostedEvent = EventOf<typeof TransactionPostedV1> | EventOf<typeof TransactionPostedV2>;

export function postingOf(event: PostedEvent): Posting {
  const p = event.payload;
  // v1 predates card details: its card payments count as spending, in `other`
  const card = 'card' in p ? p.card : null;
  const isCard = p.kind === 'card_payment' || p.kind === 'card_refund';
  return {
    eventId: event.eventId,
    transactionId: p.transactionId,
    accountId: p.accountId,
    kind: p.kind,
    direction: p.direction,
    amountMinor: BigInt(p.amount.amountMinor),
    balanceAfterMinor: BigInt(p.balanceAfter.amountMinor),
    currency: p.amount.currency,
    postedAt: new Date(p.postedAt),
    description: lineDescription(p.kind, card?.merchant.name ?? null, p.reference, p.counterpartyIban),
    cardId: card?.cardId ?? null,
    merchantCategory: card?.merchant.categoryCode ?? null,
    category: isCard ? (card ? categoryOfMcc(card.merchant.categoryCode) : 'other') : null,
  };
}

/** What a statement line says: the merchant, else the reference and the counterparty, else the kind. */
export function lineDescription(
  kind: TransactionKind,
  merchant: string | null,
  reference: string | null,
  counterpartyIban: string | null,
): string {
  if (merchant) return merchant;
  const parts = [reference, counterpartyIban].filter((part): part is string => !!part);
  return parts.length ? parts.join(' · ') : KIND_LABELS[kind];
}
