import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import {
  CardAuthorizationApprovedV1,
  CardAuthorizationDeclinedV1,
  DECLINE_CODES,
  createEvent,
  type CardHoldCapturedV1,
  type CardHoldDeclinedV1,
  type CardHoldPlacedV1,
  type CardHoldReleasedV1,
  type CardRefundPostedV1,
  type DeclineReason,
  type Origin,
  type PayloadOf,
} from '@microbank/contracts';
import { OutboxWriter } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { AuthorizationsRepository } from './authorizations.repository';
import { merchantOf, refOf } from './saga-events';

type Tx = Prisma.TransactionClient;

const APPROVAL_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** How the account's refusal to hold reads to the card network. */
const HOLD_DECLINES: Record<PayloadOf<typeof CardHoldDeclinedV1>['reason'], DeclineReason> = {
  insufficient_funds: 'insufficient_funds',
  account_frozen: 'card_restricted',
  currency_mismatch: 'do_not_honour',
  unknown_account: 'do_not_honour',
};

/**
 * The Account service's answers move an authorization on, each only from the status that waits for it: an answer
 * repeated (the account answers every re-sent request) or late finds nothing to move and changes nothing. Every
 * move wakes the calls waiting for it (NOTIFY, sent on commit).
 */
@Injectable()
export class HoldAnswersService {
  constructor(
    private readonly authorizations: AuthorizationsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async holdPlaced(tx: Tx, answer: PayloadOf<typeof CardHoldPlacedV1>, origin: Origin): Promise<void> {
    const approved = await this.authorizations.transition(tx, answer.authorizationId, 'pending', {
      status: 'approved',
      responseCode: '00',
      approvalCode: approvalCode(),
    });
    if (!approved) return; // answered before, or reversed while pending: the release follows
    await this.outbox.add(
      tx,
      createEvent(
        CardAuthorizationApprovedV1,
        approved.cardId,
        {
          ...refOf(approved),
          amount: answer.amount,
          merchant: merchantOf(approved),
          approvalCode: approved.approvalCode!,
        },
        { source: 'card', ...origin },
      ),
    );
    await this.authorizations.notifyOutcome(tx, approved.id);
  }

  /** Declined while pending, or while reversing one that was pending (nothing was held to release). */
  async holdDeclined(tx: Tx, answer: PayloadOf<typeof CardHoldDeclinedV1>, origin: Origin): Promise<void> {
    const reason = HOLD_DECLINES[answer.reason];
    const decision = { status: 'declined' as const, declineReason: reason, responseCode: DECLINE_CODES[reason] };
    const declined =
      (await this.authorizations.transition(tx, answer.authorizationId, 'pending', decision)) ??
      (await this.authorizations.transition(tx, answer.authorizationId, 'reversing', decision));
    if (!declined) return;
    await this.outbox.add(
      tx,
      createEvent(
        CardAuthorizationDeclinedV1,
        declined.cardId,
        {
          ...refOf(declined),
          amount: answer.amount,
          merchant: merchantOf(declined),
          reason,
          responseCode: DECLINE_CODES[reason],
        },
        { source: 'card', ...origin },
      ),
    );
    await this.authorizations.notifyOutcome(tx, declined.id);
  }

  async holdCaptured(tx: Tx, answer: PayloadOf<typeof CardHoldCapturedV1>): Promise<void> {
    const captured = await this.authorizations.transition(tx, answer.authorizationId, 'capturing', {
      status: 'captured',
      transactionId: answer.transactionId,
    });
    if (captured) await this.authorizations.notifyOutcome(tx, captured.id);
  }

  async holdReleased(tx: Tx, answer: PayloadOf<typeof CardHoldReleasedV1>): Promise<void> {
    const released =
      answer.reason === 'reversed'
        ? await this.authorizations.transition(tx, answer.authorizationId, 'reversing', { status: 'reversed' })
        : await this.authorizations.transition(tx, answer.authorizationId, 'expiring', { status: 'expired' });
    if (released) await this.authorizations.notifyOutcome(tx, released.id);
  }

  async refundPosted(tx: Tx, answer: PayloadOf<typeof CardRefundPostedV1>): Promise<void> {
    const posted = await this.authorizations.refundPosted(tx, answer.refundId, answer.transactionId);
    if (posted) await this.authorizations.notifyOutcome(tx, posted.id);
  }
}

function approvalCode(): string {
  let code = '';
  while (code.length < 6) code += APPROVAL_CODE_ALPHABET[randomInt(APPROVAL_CODE_ALPHABET.length)];
  return code;
}
