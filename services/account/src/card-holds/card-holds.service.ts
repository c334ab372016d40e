import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CardHoldCapturedV1,
  CardHoldDeclinedV1,
  CardHoldPlacedV1,
  CardHoldReleasedV1,
  CardRefundPostedV1,
  createEvent,
  money,
  type CardAuthorizationRequestedV1,
  type CardCaptureRequestedV1,
  type CardRefundRequestedV1,
  type EventEnvelope,
  type Origin,
  type PayloadOf,
} from '@microbank/contracts';
import { isUuid } from '@microbank/domain';
import { EventRejectedError, OutboxWriter } from '@microbank/messaging';
import type { CardRefund, Prisma } from '../generated/prisma/client';
import { clearingSlotOf } from '../ledger/clearing-slot';
import { cardPaymentPosting, cardRefundPosting, type CardReference } from '../ledger/ledger-posting';
import { LedgerRepository, type LockedAccount } from '../ledger/ledger.repository';
import { LedgerService, byId } from '../ledger/ledger.service';
import { CardHoldsRepository, type Hold } from './card-holds.repository';

type Tx = Prisma.TransactionClient;
type HoldDeclineReason = PayloadOf<typeof CardHoldDeclinedV1>['reason'];

/** The authorization a saga step names. */
interface AuthorizationRef {
  readonly authorizationId: string;
  readonly cardId: string;
  readonly accountId: string;
}

/**
 * The Account service's half of the card payment saga: hold, release, capture (post) and refund (post). Each step
 * runs in its event handler's transaction, with the inbox row and the answer event. A request the hold has already
 * seen (the Card service re-sends a step it got no answer to) is answered again with where the hold stands, and
 * changes nothing: so a lost or dead-lettered answer can be recovered by asking again.
 */
@Injectable()
export class CardHoldsService {
  constructor(
    private readonly holds: CardHoldsRepository,
    private readonly ledger: LedgerRepository,
    private readonly postings: LedgerService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Sets the amount aside if the account can spare it, or declines; either way the Card service hears why. */
  async place(tx: Tx, request: PayloadOf<typeof CardAuthorizationRequestedV1>, origin: Origin): Promise<void> {
    const amountMinor = BigInt(request.amount.amountMinor);
    const account = isUuid(request.accountId) ? await this.holds.lockAccount(tx, request.accountId) : null;
    const reason: HoldDeclineReason | null = !account
      ? 'unknown_account'
      : account.status === 'frozen'
        ? 'account_frozen'
        : account.currency !== request.amount.currency
          ? 'currency_mismatch'
          : account.availableMinor < amountMinor
            ? 'insufficient_funds'
            : null;
    const inserted = await this.holds.insert(tx, {
      authorizationId: request.authorizationId,
      cardId: request.cardId,
      accountId: request.accountId,
      currency: request.amount.currency,
      amountMinor,
      status: reason ? 'declined' : 'held',
      declineReason: reason,
      merchant: request.merchant,
    });
    if (inserted && !reason) await this.holds.addToHeld(tx, request.accountId, amountMinor);
    await this.answer(tx, (await this.holds.find(tx, request.authorizationId))!, origin);
  }

  /** A reversed or expired authorization: its held amount is available again. */
  async release(tx: Tx, ref: AuthorizationRef, reason: 'reversed' | 'expired', origin: Origin): Promise<void> {
    await this.holds.lockAccount(tx, ref.accountId);
    const hold = await this.holds.lockHold(tx, ref.authorizationId);
    if (!hold || hold.accountId !== ref.accountId) {
      throw new EventRejectedError(`no hold for authorization ${ref.authorizationId} on account ${ref.accountId}`);
    }
    // released already, or never held (declined): nothing to give back, only the answer
    if (hold.status !== 'held') return this.answer(tx, hold, origin);
    const released = await this.holds.released(tx, hold.authorizationId, reason);
    await this.holds.addToHeld(tx, hold.accountId, -hold.amountMinor);
    await this.answer(tx, released, origin);
  }

  /** Posts the captured amount (at most the held one) and releases the rest of the hold. */
  async capture(tx: Tx, request: PayloadOf<typeof CardCaptureRequestedV1>, origin: Origin): Promise<void> {
    const locked = await this.lockForPosting(tx, request);
    const hold = await this.holds.lockHold(tx, request.authorizationId);
    if (hold?.status === 'captured' && hold.captureId === request.captureId) return this.answer(tx, hold, origin);
    const amountMinor = BigInt(request.amount.amountMinor);
    if (
      !hold ||
      hold.accountId !== request.accountId ||
      hold.status !== 'held' ||
      hold.currency !== request.amount.currency ||
      amountMinor > hold.amountMinor
    ) {
      throw new EventRejectedError(
        `capture ${request.captureId} of ${request.amount.amountMinor} ${request.amount.currency} does not fit hold ${request.authorizationId} (${hold?.status ?? 'missing'})`,
      );
    }
    const transactionId = randomUUID();
    // the hold goes first: the database checks balance - held >= 0 after every statement
    await this.holds.addToHeld(tx, hold.accountId, -hold.amountMinor);
    const captured = await this.holds.captured(tx, hold.authorizationId, {
      captureId: request.captureId,
      capturedMinor: amountMinor,
      transactionId,
    });
    await this.postings.postCard(
      tx,
      origin,
      cardPaymentPosting(transactionId, hold.currency, amountMinor, hold.accountId, clearingOf(locked), cardOf(hold)),
      locked,
    );
    await this.answer(tx, captured, origin);
  }

  /** Credits a refund of a captured payment, never more than was captured in all. */
  async refund(tx: Tx, request: PayloadOf<typeof CardRefundRequestedV1>, origin: Origin): Promise<void> {
    const locked = await this.lockForPosting(tx, request);
    const hold = await this.holds.lockHold(tx, request.authorizationId);
    const done = await this.holds.findRefund(tx, request.refundId);
    if (hold && done) return void (await this.outbox.add(tx, refundPosted(hold, done, origin)));
    const amountMinor = BigInt(request.amount.amountMinor);
    const refundable =
      hold?.status === 'captured'
        ? hold.capturedMinor! - (await this.holds.refundedMinor(tx, hold.authorizationId))
        : 0n;
    if (
      !hold ||
      hold.accountId !== request.accountId ||
      hold.currency !== request.amount.currency ||
      amountMinor > refundable
    ) {
      throw new EventRejectedError(
        `refund ${request.refundId} exceeds what authorization ${request.authorizationId} may refund`,
      );
    }
    const transactionId = randomUUID();
    await this.postings.postCard(
      tx,
      origin,
      cardRefundPosting(transactionId, hold.currency, amountMinor, hold.accountId, clearingOf(locked), cardOf(hold)),
      locked,
    );
    const refund = await this.holds.insertRefund(tx, {
      refundId: request.refundId,
      authorizationId: hold.authorizationId,
      amountMinor,
      transactionId,
    });
    await this.outbox.add(tx, refundPosted(hold, refund, origin));
  }

  /** The customer account and the clearing account of its slot, locked (in id order) before the hold row. */
  private async lockForPosting(
    tx: Tx,
    request: { accountId: string; amount: { currency: Hold['currency'] } },
  ): Promise<Map<string, LockedAccount>> {
    if (!isUuid(request.accountId)) throw new EventRejectedError(`account ${request.accountId} is not an id`);
    const slot = clearingSlotOf(request.accountId);
    return byId(await this.ledger.lockForCashMovement(tx, request.accountId, request.amount.currency, slot));
  }

  /** Tells the Card service where the hold stands: placed, declined, captured or released. */
  private async answer(tx: Tx, hold: Hold, origin: Origin): Promise<void> {
    await this.outbox.add(tx, answerOf(hold, origin));
  }
}

function answerOf(hold: Hold, origin: Origin): EventEnvelope {
  const ref = refOf(hold);
  const amount = money(hold.amountMinor, hold.currency);
  const from = { source: 'account' as const, ...origin };
  switch (hold.status) {
    case 'held':
      return createEvent(CardHoldPlacedV1, hold.cardId, { ...ref, amount }, from);
    case 'declined':
      return createEvent(
        CardHoldDeclinedV1,
        hold.cardId,
        { ...ref, amount, reason: hold.declineReason as HoldDeclineReason },
        from,
      );
    case 'captured':
      return createEvent(
        CardHoldCapturedV1,
        hold.cardId,
        {
          ...ref,
          captureId: hold.captureId!,
          transactionId: hold.transactionId!,
          amount: money(hold.capturedMinor!, hold.currency),
          released: money(hold.amountMinor - hold.capturedMinor!, hold.currency),
        },
        from,
      );
    case 'released':
      return createEvent(
        CardHoldReleasedV1,
        hold.cardId,
        { ...ref, amount, reason: hold.releaseReason as 'reversed' | 'expired' },
        from,
      );
  }
}

function refundPosted(hold: Hold, refund: CardRefund, origin: Origin): EventEnvelope {
  return createEvent(
    CardRefundPostedV1,
    hold.cardId,
    {
      ...refOf(hold),
      refundId: refund.refundId,
      transactionId: refund.transactionId,
      amount: money(refund.amountMinor, hold.currency),
    },
    { source: 'account', ...origin },
  );
}

function clearingOf(locked: ReadonlyMap<string, LockedAccount>): string {
  const clearing = [...locked.values()].find((account) => account.kind === 'clearing');
  if (!clearing) throw new Error('no clearing account for the currency; the migrations create 16 per currency');
  return clearing.id;
}

function refOf(source: AuthorizationRef): AuthorizationRef {
  return { authorizationId: source.authorizationId, cardId: source.cardId, accountId: source.accountId };
}

function cardOf(hold: Hold): CardReference {
  return { cardId: hold.cardId, authorizationId: hold.authorizationId, merchant: hold.merchant };
}
