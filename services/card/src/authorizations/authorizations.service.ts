import { Injectable } from '@nestjs/common';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  CardAuthorizationDeclinedV1,
  DECLINE_CODES,
  createEvent,
  money,
  type DeclineReason,
  type Origin,
} from '@microbank/contracts';
import { DomainError, isUuid } from '@microbank/domain';
import { OutboxWriter } from '@microbank/messaging';
import { InjectConfig } from '@microbank/service-kit';
import { CardSecrets } from '../cards/card-secrets';
import { CardsRepository } from '../cards/cards.repository';
import type { CardConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import type { $Enums, Card, CardAuthorization, KnownAccount, Prisma } from '../generated/prisma/client';
import { AuthorizationOutcomes, type Expectation } from './authorization-outcomes.service';
import { toAuthorizationView, toRefundView, type AuthorizationView, type RefundView } from './authorization-view';
import { AuthorizationsRepository, type NewAuthorization } from './authorizations.repository';
import type { AuthorizeDto } from './dto/authorize.dto';
import type { CaptureDto, RefundDto } from './dto/capture.dto';
import { refOf, refundRequestFor, requestFor } from './saga-events';

type Tx = Prisma.TransactionClient;

// ISO 8583 "14": the bank never issued this number, so there is no card to record the attempt against
const UNKNOWN_CARD_CODE = '14';

/**
 * What the card network asks of the Card service: authorize, capture, reverse, refund. A call checks what the card
 * service can decide alone and records the step with its event in one transaction; the Account service holds,
 * posts or releases the money and answers with an event (HoldAnswersService). A call waits a short window for
 * that answer and otherwise says the step is still in flight (202).
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
    // the CVC and expiry stay out of the stored fingerprint (PCI DSS 3.3.1: not kept after authorization, not even hashed)
    const requestHash = this.secrets.requestHash({
      pan: request.pan,
      amountMinor: request.amountMinor,
      currency: request.currency,
      merchant: request.merchant,
    });
    const existing = await this.authorizations.findByIdempotencyKey(idempotencyKey);
    if (existing) return this.replay(existing, requestHash);

    const id = randomUUID();
    return this.awaiting(id, async (expectation) => {
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
          correlationId: origin.correlationId,
        };
        if (!(await this.authorizations.insert(tx, authorization))) return 'raced' as const;
        const recorded = (await this.authorizations.find(id, tx))!;
        await this.outbox.add(
          tx,
          reason
            ? createEvent(
                CardAuthorizationDeclinedV1,
                card.id,
                {
                  ...refOf(recorded),
                  amount: money(request.amountMinor, request.currency),
                  merchant: request.merchant,
                  reason,
                  responseCode: DECLINE_CODES[reason],
                },
                { source: 'card', ...origin },
              )
            : requestFor(recorded, origin),
        );
        return 'recorded' as const;
      });
      if (recorded === 'unknown-card') return unknownCardView(request, now);
      if (recorded === 'raced') {
        return this.replay((await this.authorizations.findByIdempotencyKey(idempotencyKey))!, requestHash);
      }
      return this.settle(id, 'pending', expectation);
    });
  }

  /** For the network: an authorization and where its payment stands. */
  async get(id: string): Promise<AuthorizationView> {
    const authorization = isUuid(id) ? await this.authorizations.find(id) : null;
    if (!authorization) throw DomainError.notFound('The authorization');
    return toAuthorizationView(authorization);
  }

  /**
   * Captures all of an approved authorization or less; the account posts it and releases the rest of the hold.
   * The same capture again is answered with where it stands.
   */
  async capture(id: string, request: CaptureDto, origin: Origin): Promise<AuthorizationView> {
    return this.step(id, 'capturing', async (tx) => {
      const authorization = await this.locked(tx, id);
      checkCurrency(authorization, request.currency);
      const amountMinor = request.amountMinor ?? authorization.amountMinor;
      const inFlightOrDone = authorization.status === 'capturing' || authorization.status === 'captured';
      if (inFlightOrDone && authorization.capturedMinor === amountMinor) return;
      if (authorization.status !== 'approved') throw notOpen(authorization, 'captured');
      if (amountMinor > authorization.amountMinor) {
        throw DomainError.invalid([
          {
            field: 'amountMinor',
            rule: 'above_authorized',
            message: `amountMinor must be at most ${authorization.amountMinor}`,
          },
        ]);
      }
      const capturing = await this.authorizations.transition(tx, id, 'approved', {
        status: 'capturing',
        captureId: randomUUID(),
        capturedMinor: amountMinor,
      });
      await this.outbox.add(tx, requestFor(capturing!, origin));
    });
  }

  /**
   * The merchant cancels an authorization it will not capture, also one still pending (a network that timed out
   * reverses at once): the account releases the hold, or answers that it never held it.
   */
  async reverse(id: string, origin: Origin): Promise<AuthorizationView> {
    return this.step(id, 'reversing', async (tx) => {
      const authorization = await this.locked(tx, id);
      if (authorization.status === 'reversing' || authorization.status === 'reversed') return;
      if (authorization.status !== 'approved' && authorization.status !== 'pending') {
        throw notOpen(authorization, 'reversed');
      }
      const reversing = await this.authorizations.transition(tx, id, authorization.status, { status: 'reversing' });
      await this.outbox.add(tx, requestFor(reversing!, origin));
    });
  }

  /** Refunds part or all of a captured payment (in all, never more than was captured). */
  async refund(id: string, request: RefundDto, idempotencyKey: string, origin: Origin): Promise<RefundView> {
    const requestHash = this.secrets.requestHash({ authorizationId: id, ...request });
    const refundId = randomUUID();
    return this.awaiting(refundId, async (expectation) => {
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
        checkCurrency(authorization, request.currency);
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
        const inserted = await this.authorizations.insertRefund(tx, {
          id: refundId,
          authorizationId: id,
          idempotencyKey,
          requestHash,
          amountMinor: request.amountMinor,
        });
        // the key is taken by a refund of another authorization, in flight beside this one
        if (!inserted) throw keyReused();
        await this.authorizations.addRefunded(tx, id, request.amountMinor);
        const refund = (await this.authorizations.findRefund(refundId, tx))!;
        await this.outbox.add(tx, refundRequestFor(authorization, refund, origin));
        return { refund, currency: authorization.currency };
      });
      if (refund.id !== refundId) return toRefundView(refund, currency); // a retry: where it stands, no wait
      if (refund.status === 'pending') await expectation.wait(this.config.CARD_AUTHORIZATION_WAIT_MS);
      return toRefundView((await this.authorizations.findRefund(refundId))!, currency);
    });
  }

  /** The first of the card's own reasons to decline, or null when only the account can still say no. */
  private async declineReasonOf(
    tx: Tx,
    card: Card & { account: KnownAccount },
    request: AuthorizeDto,
    now: Date,
  ): Promise<DeclineReason | null> {
    if (card.expiresOn < yearMonthOf(now)) return 'card_expired';
    const [month, year] = request.expiry.split('/');
    // a wrong CVC and a wrong expiry get the same answer, so neither can be guessed one after the other
    const cvcMatches = sameDigits(this.secrets.cvcOf(request.pan, card.expiresOn), request.cvc);
    if (!cvcMatches || `20${year}-${month}` !== card.expiresOn) return 'do_not_honour';
    if (card.status === 'frozen' && card.frozenAlertIds.length > 0) return 'fraud_suspected';
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
    return this.awaiting(existing.id, (expectation) => this.settle(existing.id, 'pending', expectation));
  }

  /** Runs one network step on the authorization (in a transaction), then waits for the account's answer to it. */
  private step(id: string, inFlight: $Enums.AuthorizationStatus, work: (tx: Tx) => Promise<void>) {
    return this.awaiting(id, async (expectation) => {
      await this.prisma.$transaction(work);
      return this.settle(id, inFlight, expectation);
    });
  }

  /** Listens for `id`'s answer from before `work` commits anything until it is done. */
  private async awaiting<T>(id: string, work: (expectation: Expectation) => Promise<T>): Promise<T> {
    const expectation = this.outcomes.expect(id);
    try {
      return await work(expectation);
    } finally {
      expectation.cancel();
    }
  }

  /** Waits (at most the window) while the authorization is still `inFlight`, then answers with where it stands. */
  private async settle(
    id: string,
    inFlight: $Enums.AuthorizationStatus,
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
}

function checkCurrency(authorization: CardAuthorization, currency: string): void {
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

function notOpen(authorization: CardAuthorization, verb: string): DomainError {
  return DomainError.conflict(
    'Authorization not open',
    `This authorization cannot be ${verb}: it is ${authorization.status}.`,
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
