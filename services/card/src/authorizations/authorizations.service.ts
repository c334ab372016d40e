import { Injectable } from '@nestjs/common';
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  CardAuthorizationApprovedV1,
  CardAuthorizationDeclinedV1,
  CardAuthorizationExpiredV1,
  CardAuthorizationRequestedV1,
  CardAuthorizationReversedV1,
  CardCaptureRequestedV1,
  CardRefundRequestedV1,
  DECLINE_CODES,
  createEvent,
  money,
  type CardHoldCapturedV1,
  type CardHoldDeclinedV1,
  type CardHoldPlacedV1,
  type CardHoldReleasedV1,
  type CardRefundPostedV1,
  type DeclineReason,
  type Merchant,
  type Origin,
  type PayloadOf,
} from '@microbank/contracts';
import { DomainError, isUuid } from '@microbank/domain';
import { OutboxWriter } from '@microbank/messaging';
import { InjectConfig } from '@microbank/service-kit';
import { CardSecrets } from '../cards/card-secrets';
import { CardsRepository } from '../cards/cards.repository';
import type { CardConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import type { Card, CardAuthorization, KnownAccount, Prisma } from '../generated/prisma/client';
import { AuthorizationOutcomes, type Expectation } from './authorization-outcomes.service';
import { toAuthorizationView, toRefundView, type AuthorizationView, type RefundView } from './authorization-view';
import { AuthorizationsRepository, type NewAuthorization } from './authorizations.repository';
import type { AuthorizeDto } from './dto/authorize.dto';
import type { CaptureDto, RefundDto } from './dto/capture.dto';

type Tx = Prisma.TransactionClient;

// ISO 8583 "14": the bank never issued this number, so there is no card to record the attempt against
const UNKNOWN_CARD_CODE = '14';
const APPROVAL_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const SWEEP_BATCH = 100;

/** How the account's refusal to hold reads to the card network. */
const HOLD_DECLINES: Record<PayloadOf<typeof CardHoldDeclinedV1>['reason'], DeclineReason> = {
  insufficient_funds: 'insufficient_funds',
  account_frozen: 'card_restricted',
  currency_mismatch: 'do_not_honour',
  unknown_account: 'do_not_honour',
};

/**
 * The Card service's half of the card payment saga. A network call checks the card here and records the
 * authorization with its event in one transaction; the Account service holds, posts or releases the money and
 * answers with an event; the answer moves the authorization on. Calls wait a short window for that answer.
 */
@Injectable()
export class AuthorizationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly authorizations: AuthorizationsRepository,
    private readonly cards: CardsRepository,
    private readonly secrets: CardSecrets,
    private readonly outbox: OutboxWriter,
    private readonly outcomes: AuthorizationOutcomes,
    @InjectConfig() private readonly config: CardConfig,
  ) {}

  /** Declines at once what the card's own checks refuse; otherwise asks the account to hold the amount and waits. */
  async authorize(request: AuthorizeDto, idempotencyKey: string, origin: Origin): Promise<AuthorizationView> {
    const requestHash = this.secrets.requestHash(request);
    const existing = await this.authorizations.findByIdempotencyKey(idempotencyKey);
    if (existing) return this.replay(existing, requestHash);

    const id = randomUUID();
    const expectation = this.outcomes.expect(id);
    try {
      return await this.record(id, request, idempotencyKey, requestHash, origin, expectation);
    } finally {
      expectation.cancel();
    }
  }

  private async record(
    id: string,
    request: AuthorizeDto,
    idempotencyKey: string,
    requestHash: string,
    origin: Origin,
    expectation: Expectation,
  ): Promise<AuthorizationView> {
    const now = new Date();
    const recorded = await this.prisma.$transaction(async (tx) => {
      const card = await this.cards.lockByPanHash(tx, this.secrets.panHash(request.pan));
      if (!card) return 'unknown-card' as const;
      const reason = await this.declineReasonOf(tx, card, request, now);
      const authorization: NewAuthorization = {
        id,
        cardId: card.id,
        accountId: card.accountId,
        idempotencyKey,
        requestHash,
        amountMinor: request.amountMinor,
        currency: request.currency,
        merchantName: request.merchant.name,
        merchantCategoryCode: request.merchant.categoryCode,
        merchantCountry: request.merchant.country,
        status: reason ? 'declined' : 'pending',
        declineReason: reason,
        responseCode: reason ? DECLINE_CODES[reason] : null,
        expiresAt: new Date(now.getTime() + this.config.CARD_AUTHORIZATION_TTL_SECONDS * 1000),
      };
      if (!(await this.authorizations.insert(tx, authorization))) return 'raced' as const;
      const ref = { authorizationId: id, cardId: card.id, accountId: card.accountId };
      const amount = money(request.amountMinor, request.currency);
      await this.outbox.add(
        tx,
        reason
          ? createEvent(
              CardAuthorizationDeclinedV1,
              card.id,
              { ...ref, amount, merchant: request.merchant, reason, responseCode: DECLINE_CODES[reason] },
              { source: 'card', ...origin },
            )
          : createEvent(
              CardAuthorizationRequestedV1,
              card.id,
              { ...ref, amount, merchant: request.merchant, expiresAt: authorization.expiresAt.toISOString() },
              { source: 'card', ...origin },
            ),
      );
      return 'recorded' as const;
    });

    if (recorded === 'unknown-card') return unknownCardView(request, now);
    if (recorded === 'raced') {
      return this.replay((await this.authorizations.findByIdempotencyKey(idempotencyKey))!, requestHash);
    }
    return this.settle(id, 'pending', expectation);
  }

  /** For the network: an authorization and where its payment stands. */
  async get(id: string): Promise<AuthorizationView> {
    const authorization = isUuid(id) ? await this.authorizations.find(id) : null;
    if (!authorization) throw DomainError.notFound('The authorization');
    return toAuthorizationView(authorization);
  }

  /** Captures all of an approved authorization or less; the account posts it and releases the rest of the hold. */
  async capture(id: string, request: CaptureDto, origin: Origin): Promise<AuthorizationView> {
    return this.step(id, 'capturing', async (tx) => {
      const authorization = await this.locked(tx, id);
      const amountMinor = request.amountMinor ?? authorization.amountMinor;
      const isThisCapture = authorization.capturedMinor === amountMinor;
      if ((authorization.status === 'capturing' || authorization.status === 'captured') && isThisCapture) return;
      if (authorization.status !== 'approved') throw notApproved(authorization, 'captured');
      this.checkCurrency(authorization, request.currency);
      if (amountMinor > authorization.amountMinor) {
        throw DomainError.invalid([
          {
            field: 'amountMinor',
            rule: 'above_authorized',
            message: `amountMinor must be at most ${authorization.amountMinor}`,
          },
        ]);
      }
      const captureId = randomUUID();
      await this.authorizations.transition(tx, id, 'approved', {
        status: 'capturing',
        captureId,
        capturedMinor: amountMinor,
      });
      await this.outbox.add(
        tx,
        createEvent(
          CardCaptureRequestedV1,
          authorization.cardId,
          {
            ...refOf(authorization),
            captureId,
            amount: money(amountMinor, authorization.currency),
            merchant: merchantOf(authorization),
          },
          { source: 'card', ...origin },
        ),
      );
    });
  }

  /** The merchant cancels an approved authorization: the account releases the hold. */
  async reverse(id: string, origin: Origin): Promise<AuthorizationView> {
    return this.step(id, 'reversing', async (tx) => {
      const authorization = await this.locked(tx, id);
      if (authorization.status === 'reversing' || authorization.status === 'reversed') return;
      if (authorization.status !== 'approved') throw notApproved(authorization, 'reversed');
      await this.authorizations.transition(tx, id, 'approved', { status: 'reversing' });
      await this.outbox.add(
        tx,
        createEvent(
          CardAuthorizationReversedV1,
          authorization.cardId,
          { ...refOf(authorization), amount: money(authorization.amountMinor, authorization.currency) },
          { source: 'card', ...origin },
        ),
      );
    });
  }

  /** Refunds part or all of a captured payment (in all, never more than was captured). */
  async refund(id: string, request: RefundDto, idempotencyKey: string, origin: Origin): Promise<RefundView> {
    const requestHash = this.secrets.requestHash({ authorizationId: id, ...request });
    const refundId = randomUUID();
    const expectation = this.outcomes.expect(refundId);
    try {
      const { refund, currency } = await this.prisma.$transaction(async (tx) => {
        const authorization = await this.locked(tx, id);
        const existing = await this.authorizations.findRefundByIdempotencyKey(idempotencyKey, tx);
        if (existing) {
          if (existing.requestHash !== requestHash) throw keyReused();
          return { refund: existing, currency: authorization.currency };
        }
        if (authorization.status !== 'captured') {
          throw DomainError.conflict(
            'Not captured',
            `Only a captured payment is refunded; this one is ${authorization.status}.`,
            'authorization-not-captured',
          );
        }
        this.checkCurrency(authorization, request.currency);
        const refundable = authorization.capturedMinor! - authorization.refundedMinor;
        if (request.amountMinor > refundable) {
          throw DomainError.invalid([
            {
              field: 'amountMinor',
              rule: 'above_refundable',
              message: `amountMinor must be at most ${refundable}, what was captured and not refunded yet`,
            },
          ]);
        }
        const amount = money(request.amountMinor, authorization.currency);
        await this.authorizations.insertRefund(tx, {
          id: refundId,
          authorizationId: id,
          idempotencyKey,
          requestHash,
          amountMinor: request.amountMinor,
        });
        await this.authorizations.addRefunded(tx, id, request.amountMinor);
        await this.outbox.add(
          tx,
          createEvent(
            CardRefundRequestedV1,
            authorization.cardId,
            { ...refOf(authorization), refundId, amount, merchant: merchantOf(authorization) },
            { source: 'card', ...origin },
          ),
        );
        return { refund: (await this.authorizations.findRefund(refundId, tx))!, currency: authorization.currency };
      });
      if (refund.id !== refundId) return toRefundView(refund, currency); // a retry: answered with what is known
      if (refund.status === 'pending') await expectation.wait(this.config.CARD_AUTHORIZATION_WAIT_MS);
      return toRefundView((await this.authorizations.findRefund(refundId))!, currency);
    } finally {
      expectation.cancel();
    }
  }

  /** Marks approved authorizations past their time as expiring, and asks the account to release their holds. */
  async expireDue(now: Date): Promise<number> {
    let expired = 0;
    for (;;) {
      const batch = await this.prisma.$transaction(async (tx) => {
        const due = await this.authorizations.claimExpired(tx, now, SWEEP_BATCH);
        await this.outbox.add(
          tx,
          ...due.map((authorization) =>
            createEvent(
              CardAuthorizationExpiredV1,
              authorization.cardId,
              { ...refOf(authorization), amount: money(authorization.amountMinor, authorization.currency) },
              // a sweep, not a request: it starts its own correlation
              { source: 'card', correlationId: `expiry-${authorization.id}`, causationId: null },
            ),
          ),
        );
        return due.length;
      });
      expired += batch;
      if (batch < SWEEP_BATCH) return expired;
    }
  }

  // ---- the account's answers (event handlers, in the inbox transaction) ----

  async holdPlaced(tx: Tx, event: PayloadOf<typeof CardHoldPlacedV1>, origin: Origin): Promise<void> {
    const approved = await this.authorizations.transition(tx, event.authorizationId, 'pending', {
      status: 'approved',
      responseCode: '00',
      approvalCode: approvalCode(),
    });
    if (!approved) return;
    await this.outbox.add(
      tx,
      createEvent(
        CardAuthorizationApprovedV1,
        approved.cardId,
        {
          ...refOf(approved),
          amount: event.amount,
          merchant: merchantOf(approved),
          approvalCode: approved.approvalCode!,
        },
        { source: 'card', ...origin },
      ),
    );
    await this.authorizations.notifyOutcome(tx, approved.id);
  }

  async holdDeclined(tx: Tx, event: PayloadOf<typeof CardHoldDeclinedV1>, origin: Origin): Promise<void> {
    const reason = HOLD_DECLINES[event.reason];
    const declined = await this.authorizations.transition(tx, event.authorizationId, 'pending', {
      status: 'declined',
      declineReason: reason,
      responseCode: DECLINE_CODES[reason],
    });
    if (!declined) return;
    await this.outbox.add(
      tx,
      createEvent(
        CardAuthorizationDeclinedV1,
        declined.cardId,
        {
          ...refOf(declined),
          amount: event.amount,
          merchant: merchantOf(declined),
          reason,
          responseCode: DECLINE_CODES[reason],
        },
        { source: 'card', ...origin },
      ),
    );
    await this.authorizations.notifyOutcome(tx, declined.id);
  }

  async holdCaptured(tx: Tx, event: PayloadOf<typeof CardHoldCapturedV1>): Promise<void> {
    const captured = await this.authorizations.transition(tx, event.authorizationId, 'capturing', {
      status: 'captured',
      transactionId: event.transactionId,
    });
    if (captured) await this.authorizations.notifyOutcome(tx, captured.id);
  }

  async holdReleased(tx: Tx, event: PayloadOf<typeof CardHoldReleasedV1>): Promise<void> {
    const released =
      event.reason === 'reversed'
        ? await this.authorizations.transition(tx, event.authorizationId, 'reversing', { status: 'reversed' })
        : await this.authorizations.transition(tx, event.authorizationId, 'expiring', { status: 'expired' });
    if (released) await this.authorizations.notifyOutcome(tx, released.id);
  }

  async refundPosted(tx: Tx, event: PayloadOf<typeof CardRefundPostedV1>): Promise<void> {
    const posted = await this.authorizations.refundPosted(tx, event.refundId, event.transactionId);
    if (posted) await this.authorizations.notifyOutcome(tx, posted.id);
  }

  // ---- helpers ----

  /** The first of the card's own reasons to decline, or null when only the account can still say no. */
  private async declineReasonOf(
    tx: Tx,
    card: Card & { account: KnownAccount },
    request: AuthorizeDto,
    now: Date,
  ): Promise<DeclineReason | null> {
    const [month, year] = request.expiry.split('/');
    if (!sameDigits(this.secrets.cvcOf(request.pan, card.expiresOn), request.cvc)) return 'do_not_honour';
    if (`20${year}-${month}` !== card.expiresOn || card.expiresOn < yearMonthOf(now)) return 'card_expired';
    if (card.status === 'frozen' && card.frozenAlertId) return 'fraud_suspected';
    if (card.status !== 'active' || card.account.status !== 'active') return 'card_restricted';
    if (request.currency !== card.currency) return 'do_not_honour';
    if (request.amountMinor > card.limitPerAuthorizationMinor) return 'over_limit';
    const spent = await this.authorizations.spentToday(tx, card.id, now);
    if (spent + request.amountMinor > card.limitPerDayMinor) return 'over_limit';
    return null;
  }

  /** A retried call: the same request gets the same authorization (waiting again if it is still pending). */
  private async replay(existing: CardAuthorization, requestHash: string): Promise<AuthorizationView> {
    if (existing.requestHash !== requestHash) throw keyReused();
    const expectation = this.outcomes.expect(existing.id);
    try {
      return await this.settle(existing.id, 'pending', expectation);
    } finally {
      expectation.cancel();
    }
  }

  /** Runs one network step on the authorization (in a transaction), then waits for the account's answer to it. */
  private async step(
    id: string,
    inFlight: CardAuthorization['status'],
    work: (tx: Tx) => Promise<void>,
  ): Promise<AuthorizationView> {
    const expectation = this.outcomes.expect(id);
    try {
      await this.prisma.$transaction(work);
      return await this.settle(id, inFlight, expectation);
    } finally {
      expectation.cancel();
    }
  }

  /** Waits (at most the window) while the authorization is still `inFlight`, then answers with where it stands. */
  private async settle(
    id: string,
    inFlight: CardAuthorization['status'],
    expectation: Expectation,
  ): Promise<AuthorizationView> {
    const current = (await this.authorizations.find(id))!;
    if (current.status !== inFlight) return toAuthorizationView(current);
    await expectation.wait(this.config.CARD_AUTHORIZATION_WAIT_MS);
    return toAuthorizationView((await this.authorizations.find(id))!);
  }

  private async locked(tx: Tx, id: string): Promise<CardAuthorization> {
    const authorization = isUuid(id) ? await this.authorizations.lock(tx, id) : null;
    if (!authorization) throw DomainError.notFound('The authorization');
    return authorization;
  }

  private checkCurrency(authorization: CardAuthorization, currency: string): void {
    if (currency !== authorization.currency) {
      throw DomainError.invalid([
        {
          field: 'currency',
          rule: 'currency_mismatch',
          message: `currency must be the authorization's (${authorization.currency})`,
        },
      ]);
    }
  }
}

function refOf(authorization: CardAuthorization) {
  return { authorizationId: authorization.id, cardId: authorization.cardId, accountId: authorization.accountId };
}

function merchantOf(authorization: CardAuthorization): Merchant {
  return {
    name: authorization.merchantName,
    categoryCode: authorization.merchantCategoryCode,
    country: authorization.merchantCountry,
  };
}

function unknownCardView(request: AuthorizeDto, now: Date): AuthorizationView {
  return {
    id: null,
    cardId: null,
    status: 'declined',
    amount: money(request.amountMinor, request.currency),
    merchant: request.merchant,
    responseCode: UNKNOWN_CARD_CODE,
    declineReason: 'unknown_card',
    approvalCode: null,
    captured: null,
    refunded: money(0n, request.currency),
    expiresAt: null,
    createdAt: now.toISOString(),
  };
}

function notApproved(authorization: CardAuthorization, verb: string): DomainError {
  return DomainError.conflict(
    'Authorization not open',
    `Only an approved, uncaptured authorization can be ${verb}; this one is ${authorization.status}.`,
    'authorization-not-open',
  );
}

function keyReused(): DomainError {
  return DomainError.rejected(
    'Idempotency key reused',
    'This Idempotency-Key was already used with a different request.',
    'idempotency-key-reused',
  );
}

function sameDigits(expected: string, given: string): boolean {
  return expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

function yearMonthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

function approvalCode(): string {
  let code = '';
  while (code.length < 6) code += APPROVAL_CODE_ALPHABET[randomInt(APPROVAL_CODE_ALPHABET.length)];
  return code;
}
