import { Injectable, Logger } from '@nestjs/common';
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
  type Origin,
  type PayloadOf,
} from '@microbank/contracts';
import { isUuid } from '@microbank/domain';
import { EventRejectedError, OutboxWriter } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { clearingSlotOf } from '../ledger/clearing-slot';
import { cardPaymentPosting, cardRefundPosting, type CardReference } from '../ledger/ledger-posting';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LedgerService, byId } from '../ledger/ledger.service';
import { CardHoldsRepository, type Hold } from './card-holds.repository';

type Tx = Prisma.TransactionClient;
type HoldDeclineReason = PayloadOf<typeof CardHoldDeclinedV1>['reason'];

/** What the card payment saga asks of the Account service: hold, release, capture (post), refund (post). */
interface AuthorizationRef {
  readonly authorizationId: string;
  readonly cardId: string;
  readonly accountId: string;
}

/**
 * The Account service's half of the card payment saga. Each step runs in its event handler's transaction, with the
 * inbox row and the outcome event: a redelivered step finds its work done and changes nothing.
 */
@Injectable()
export class CardHoldsService {
  private readonly logger = new Logger(CardHoldsService.name);

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
    if (!inserted) return; // decided before: its outcome event was written with it
    const ref = refOf(request);
    if (reason) {
      await this.outbox.add(
        tx,
        createEvent(CardHoldDeclinedV1, ref.cardId, { ...ref, amount: request.amount, reason }, this.from(origin)),
      );
      return;
    }
    await this.holds.addToHeld(tx, request.accountId, amountMinor);
    await this.outbox.add(
      tx,
      createEvent(CardHoldPlacedV1, ref.cardId, { ...ref, amount: request.amount }, this.from(origin)),
    );
  }

  /** A reversed or expired authorization: its held amount is available again. */
  async release(tx: Tx, ref: AuthorizationRef, reason: 'reversed' | 'expired', origin: Origin): Promise<void> {
    await this.holds.lockAccount(tx, ref.accountId);
    const hold = await this.holds.lockHold(tx, ref.authorizationId);
    // the account row locked above must be the hold's: locks go account first, then hold, or they could deadlock
    if (!hold || hold.accountId !== ref.accountId) {
      throw new EventRejectedError(`no hold for authorization ${ref.authorizationId} on account ${ref.accountId}`);
    }
    if (hold.status !== 'held') {
      // released already (a redelivery), or never held: there is nothing to give back
      this.logger.log({
        msg: 'hold not held; nothing to release',
        authorizationId: ref.authorizationId,
        status: hold.status,
      });
      return;
    }
    await this.holds.released(tx, hold.authorizationId);
    await this.holds.addToHeld(tx, hold.accountId, -hold.amountMinor);
    await this.outbox.add(
      tx,
      createEvent(
        CardHoldReleasedV1,
        ref.cardId,
        { ...refOf(hold), amount: money(hold.amountMinor, hold.currency), reason },
        this.from(origin),
      ),
    );
  }

  /** Posts the captured amount (at most the held one) and releases the rest of the hold. */
  async capture(tx: Tx, request: PayloadOf<typeof CardCaptureRequestedV1>, origin: Origin): Promise<void> {
    const locked = byId(
      await this.ledger.lockForCashMovement(
        tx,
        request.accountId,
        request.amount.currency,
        clearingSlotOf(request.accountId),
      ),
    );
    const hold = await this.holds.lockHold(tx, request.authorizationId);
    if (hold?.status === 'captured' && hold.captureId === request.captureId) return; // done before
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
    const clearing = [...locked.values()].find((account) => account.kind === 'clearing');
    if (!clearing) throw new Error(`no clearing account for ${hold.currency}; the migrations create 16`);

    const transactionId = randomUUID();
    // the hold goes first: the database checks balance - held >= 0 after every statement
    await this.holds.addToHeld(tx, hold.accountId, -hold.amountMinor);
    await this.holds.captured(tx, hold.authorizationId, {
      captureId: request.captureId,
      capturedMinor: amountMinor,
      transactionId,
    });
    await this.postings.postCard(
      tx,
      origin,
      cardPaymentPosting(transactionId, hold.currency, amountMinor, hold.accountId, clearing.id, cardOf(hold)),
      locked,
    );
    await this.outbox.add(
      tx,
      createEvent(
        CardHoldCapturedV1,
        hold.cardId,
        {
          ...refOf(hold),
          captureId: request.captureId,
          transactionId,
          amount: request.amount,
          released: money(hold.amountMinor - amountMinor, hold.currency),
        },
        this.from(origin),
      ),
    );
  }

  /** Credits a refund of a captured payment, never more than was captured in all. */
  async refund(tx: Tx, request: PayloadOf<typeof CardRefundRequestedV1>, origin: Origin): Promise<void> {
    const locked = byId(
      await this.ledger.lockForCashMovement(
        tx,
        request.accountId,
        request.amount.currency,
        clearingSlotOf(request.accountId),
      ),
    );
    const hold = await this.holds.lockHold(tx, request.authorizationId);
    if (await this.holds.hasRefund(tx, request.refundId)) return; // done before
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
    const clearing = [...locked.values()].find((account) => account.kind === 'clearing');
    if (!clearing) throw new Error(`no clearing account for ${hold.currency}; the migrations create 16`);

    const transactionId = randomUUID();
    await this.postings.postCard(
      tx,
      origin,
      cardRefundPosting(transactionId, hold.currency, amountMinor, hold.accountId, clearing.id, cardOf(hold)),
      locked,
    );
    await this.holds.insertRefund(tx, {
      refundId: request.refundId,
      authorizationId: hold.authorizationId,
      amountMinor,
      transactionId,
    });
    await this.outbox.add(
      tx,
      createEvent(
        CardRefundPostedV1,
        hold.cardId,
        { ...refOf(hold), refundId: request.refundId, transactionId, amount: request.amount },
        this.from(origin),
      ),
    );
  }

  private from(origin: Origin) {
    return { source: 'account' as const, ...origin };
  }
}

function refOf(source: AuthorizationRef): AuthorizationRef {
  return { authorizationId: source.authorizationId, cardId: source.cardId, accountId: source.accountId };
}

function cardOf(hold: Hold): CardReference {
  return { cardId: hold.cardId, authorizationId: hold.authorizationId, merchant: hold.merchant };
}
