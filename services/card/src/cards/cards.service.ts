import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CURRENCIES,
  CardCancelledV1,
  CardFrozenV1,
  CardIssuedV1,
  CardLimitsChangedV1,
  CardUnfrozenV1,
  createEvent,
  money,
  type Currency,
  type Origin,
} from '@microbank/contracts';
import { DomainError, isUuid, type Actor, type FieldError } from '@microbank/domain';
import { OutboxWriter } from '@microbank/messaging';
import { InjectConfig } from '@microbank/service-kit';
import { KnownAccountsRepository } from '../accounts/known-accounts.repository';
import type { CardConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import type { Card, Prisma } from '../generated/prisma/client';
import { CardSecrets } from './card-secrets';
import { toCardView, type CardView, type IssuedCardView } from './card-view';
import { CardsRepository } from './cards.repository';

// an analyst's unfiltered list is a look at the newest cards, not an export
const ANALYST_LIST_LIMIT = 100;

export interface CardLimits {
  readonly perAuthorizationMinor: bigint;
  readonly perDayMinor: bigint;
}

/**
 * Issuing cards on known accounts, what their holders may change (freeze, unfreeze, cancel, limits), and the freezes
 * fraud alerts impose.
 */
@Injectable()
export class CardsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cards: CardsRepository,
    private readonly accounts: KnownAccountsRepository,
    private readonly secrets: CardSecrets,
    private readonly outbox: OutboxWriter,
    @InjectConfig() private readonly config: CardConfig,
  ) {}

  /**
   * A new card on one of the customer's accounts. An account the card service has not heard of (yet) is the
   * same 404 as another customer's: it cannot tell "not yet" from "never", and must not reveal whose it is.
   */
  async issue(actor: Actor, accountId: string, origin: Origin): Promise<IssuedCardView> {
    if (actor.role !== 'customer') throw DomainError.forbidden('Only customers hold cards.');
    if (!isUuid(accountId)) throw DomainError.notFound('The account');

    const expiresOn = this.expiryFrom(new Date());
    const { card, pan } = await this.prisma.$transaction(async (tx) => {
      // share-locked, so an AccountFrozen consumed meanwhile waits for this card instead of slipping past the check
      const account = await this.accounts.findForShare(tx, accountId);
      if (!account || account.userId !== actor.userId) throw DomainError.notFound('The account');
      if (account.status === 'frozen') {
        throw DomainError.conflict('Account frozen', 'No card is issued on a frozen account.', 'account-frozen');
      }
      for (;;) {
        const pan = this.secrets.newPan();
        const card = {
          id: randomUUID(),
          accountId: account.id,
          userId: account.userId,
          panHash: this.secrets.panHash(pan),
          last4: pan.slice(-4),
          expiresOn,
          currency: account.currency,
          limitPerAuthorizationMinor: this.minor(this.config.CARD_DEFAULT_PER_AUTHORIZATION, account.currency),
          limitPerDayMinor: this.minor(this.config.CARD_DEFAULT_PER_DAY, account.currency),
        };
        if (!(await this.cards.insert(tx, card))) continue;
        // the event names the card by its last four digits only
        await this.outbox.add(
          tx,
          createEvent(
            CardIssuedV1,
            card.id,
            { cardId: card.id, accountId: card.accountId, userId: card.userId, last4: card.last4, expiresOn },
            { source: 'card', ...origin },
          ),
        );
        return { card: (await this.cards.find(card.id, tx))!, pan };
      }
    });
    const [year, month] = expiresOn.split('-');
    return {
      ...toCardView(card),
      pan,
      cvc: this.secrets.cvcOf(pan, expiresOn),
      expiry: `${month}/${year!.slice(2)}`,
    };
  }

  /** A customer's own cards; an analyst's view of anyone's. */
  async list(actor: Actor, filter: { userId?: string }): Promise<CardView[]> {
    if (actor.role === 'customer') {
      if (filter.userId && filter.userId !== actor.userId) return [];
      return (await this.cards.listOfUser(actor.userId)).map(toCardView);
    }
    const cards = filter.userId
      ? await this.cards.listOfUser(filter.userId)
      : await this.cards.listNewest(ANALYST_LIST_LIMIT);
    return cards.map(toCardView);
  }

  async get(actor: Actor, id: string): Promise<CardView> {
    const card = isUuid(id) ? await this.cards.find(id) : null;
    if (!card || (actor.role === 'customer' && card.userId !== actor.userId)) throw DomainError.notFound('The card');
    return toCardView(card);
  }

  freeze(actor: Actor, id: string, origin: Origin): Promise<CardView> {
    return this.change(actor, id, (tx, card) => {
      if (card.frozenByHolder) return undefined;
      // a card an alert froze stays as it is (59), and stays frozen by its holder once the alerts are resolved
      if (card.status === 'frozen') return this.cards.update(tx, card.id, { frozenByHolder: true });
      const why = { reason: 'Frozen by the card holder', alertId: null };
      return this.freezeLocked(tx, card, { frozenByHolder: true }, why, origin);
    });
  }

  unfreeze(actor: Actor, id: string, origin: Origin): Promise<CardView> {
    return this.change(actor, id, (tx, card) => {
      // only the alerts' resolution lifts a fraud freeze: the holder may be the fraudster holding the card
      if (card.frozenAlertIds.length > 0) {
        throw DomainError.conflict(
          'Card frozen by a fraud alert',
          'This card was frozen after a fraud alert: it is unfrozen when the bank resolves the alert, not by its holder.',
          'card-frozen-by-fraud-alert',
        );
      }
      if (!card.frozenByHolder) return undefined;
      return this.unfreezeLocked(tx, card, { reason: 'Unfrozen by the card holder', alertId: null }, origin);
    });
  }

  /**
   * A fraud alert's freeze: the card declines every payment as suspected fraud (59) until every alert that froze it
   * is resolved, whether it was active or its holder had frozen it. A cancelled card is left as it is.
   */
  async freezeForAlert(
    tx: Prisma.TransactionClient,
    alert: { alertId: string; accountId: string; cardId: string; reason: string },
    origin: Origin,
  ): Promise<void> {
    const card = await this.alertedCard(tx, alert.cardId, alert.accountId);
    if (card.status === 'cancelled' || card.frozenAlertIds.includes(alert.alertId)) return;
    const frozenAlertIds = [...card.frozenAlertIds, alert.alertId];
    // another open alert froze it already: it declines as suspected fraud already, so there is nothing new to say
    if (card.frozenAlertIds.length > 0) {
      await this.cards.update(tx, card.id, { frozenAlertIds });
      return;
    }
    // an active card is frozen now, and a card its holder froze is frozen for a new reason (59, not 62): both say so
    await this.freezeLocked(tx, card, { frozenAlertIds }, { reason: alert.reason, alertId: alert.alertId }, origin);
  }

  /**
   * A false positive: the alert no longer holds the card frozen. When it was the last alert to, the card is active
   * again, or frozen by its holder alone if the holder had frozen it too.
   */
  async unfreezeAfterAlert(
    tx: Prisma.TransactionClient,
    resolved: { alertId: string; accountId: string; cardId: string; reason: string },
    origin: Origin,
  ): Promise<void> {
    const card = await this.alertedCard(tx, resolved.cardId, resolved.accountId);
    if (card.status === 'cancelled' || !card.frozenAlertIds.includes(resolved.alertId)) return;
    const frozenAlertIds = card.frozenAlertIds.filter((alertId) => alertId !== resolved.alertId);
    if (frozenAlertIds.length > 0) {
      await this.cards.update(tx, card.id, { frozenAlertIds });
      return;
    }
    if (card.frozenByHolder) {
      // the freeze changes hands back: it declines as restricted (62) now, and its holder may lift it
      const why = { reason: `${resolved.reason}: still frozen by the card holder`, alertId: null };
      await this.freezeLocked(tx, card, { frozenAlertIds }, why, origin);
      return;
    }
    await this.unfreezeLocked(tx, card, { reason: resolved.reason, alertId: resolved.alertId }, origin);
  }

  /** For good: a cancelled card declines everything and nothing changes it again. */
  cancel(actor: Actor, id: string, origin: Origin): Promise<CardView> {
    return this.change(actor, id, (tx, card) =>
      this.apply(tx, card, { status: 'cancelled' }, () =>
        createEvent(
          CardCancelledV1,
          card.id,
          { cardId: card.id, accountId: card.accountId, reason: 'Cancelled by the card holder' },
          { source: 'card', ...origin },
        ),
      ),
    );
  }

  setLimits(actor: Actor, id: string, limits: CardLimits, origin: Origin): Promise<CardView> {
    return this.change(actor, id, (tx, card) => {
      this.checkLimits(card.currency, limits);
      if (
        card.limitPerAuthorizationMinor === limits.perAuthorizationMinor &&
        card.limitPerDayMinor === limits.perDayMinor
      )
        return undefined;
      return this.apply(
        tx,
        card,
        { limitPerAuthorizationMinor: limits.perAuthorizationMinor, limitPerDayMinor: limits.perDayMinor },
        () =>
          createEvent(
            CardLimitsChangedV1,
            card.id,
            {
              cardId: card.id,
              accountId: card.accountId,
              perAuthorization: money(limits.perAuthorizationMinor, card.currency),
              perDay: money(limits.perDayMinor, card.currency),
            },
            { source: 'card', ...origin },
          ),
      );
    });
  }

  /**
   * Runs a holder's change on the locked card, in one transaction with its event. The change returns the updated
   * card, or undefined when the card already is as asked (nothing written, no event).
   */
  private async change(
    actor: Actor,
    id: string,
    changeOf: (tx: Prisma.TransactionClient, card: Card) => Promise<Card> | undefined,
  ): Promise<CardView> {
    if (actor.role !== 'customer') throw DomainError.forbidden('Only the card holder changes a card.');
    if (!isUuid(id)) throw DomainError.notFound('The card');
    const card = await this.prisma.$transaction(async (tx) => {
      const locked = await this.cards.lock(tx, id);
      if (!locked || locked.userId !== actor.userId) throw DomainError.notFound('The card');
      if (locked.status === 'cancelled') {
        throw DomainError.conflict('Card cancelled', 'A cancelled card cannot be changed.', 'card-cancelled');
      }
      return (await changeOf(tx, locked)) ?? locked;
    });
    return toCardView(card);
  }

  /** The card an alert names, row-locked; an unknown card, or one of another account, is a fault upstream. */
  private async alertedCard(tx: Prisma.TransactionClient, cardId: string, accountId: string): Promise<Card> {
    const card = await this.cards.lock(tx, cardId);
    if (!card || card.accountId !== accountId) throw DomainError.notFound(`The card ${cardId} of account ${accountId}`);
    return card;
  }

  /** Freezes the card, or changes what holds it frozen, and says so with CardFrozen. */
  private freezeLocked(
    tx: Prisma.TransactionClient,
    card: Card,
    by: { frozenByHolder?: boolean; frozenAlertIds?: string[] },
    why: { reason: string; alertId: string | null },
    origin: Origin,
  ): Promise<Card> {
    return this.apply(tx, card, { status: 'frozen', ...by }, () =>
      createEvent(
        CardFrozenV1,
        card.id,
        { cardId: card.id, accountId: card.accountId, ...why },
        { source: 'card', ...origin },
      ),
    );
  }

  private unfreezeLocked(
    tx: Prisma.TransactionClient,
    card: Card,
    why: { reason: string; alertId: string | null },
    origin: Origin,
  ): Promise<Card> {
    return this.apply(tx, card, { status: 'active', frozenByHolder: false, frozenAlertIds: [] }, () =>
      createEvent(
        CardUnfrozenV1,
        card.id,
        { cardId: card.id, accountId: card.accountId, ...why },
        { source: 'card', ...origin },
      ),
    );
  }

  private async apply(
    tx: Prisma.TransactionClient,
    card: Card,
    data: Parameters<CardsRepository['update']>[2],
    eventOf: () => Parameters<OutboxWriter['add']>[1],
  ): Promise<Card> {
    const updated = await this.cards.update(tx, card.id, data);
    await this.outbox.add(tx, eventOf());
    return updated;
  }

  private checkLimits(currency: Currency, limits: CardLimits): void {
    const errors: FieldError[] = [];
    const maxPerAuthorization = this.minor(this.config.CARD_MAX_PER_AUTHORIZATION, currency);
    const maxPerDay = this.minor(this.config.CARD_MAX_PER_DAY, currency);
    if (limits.perAuthorizationMinor > maxPerAuthorization) {
      errors.push({
        field: 'perAuthorizationMinor',
        rule: 'above_bank_maximum',
        message: `perAuthorizationMinor must be at most ${maxPerAuthorization} (${currency})`,
      });
    }
    if (limits.perDayMinor > maxPerDay) {
      errors.push({
        field: 'perDayMinor',
        rule: 'above_bank_maximum',
        message: `perDayMinor must be at most ${maxPerDay} (${currency})`,
      });
    }
    if (limits.perAuthorizationMinor > limits.perDayMinor) {
      errors.push({
        field: 'perAuthorizationMinor',
        rule: 'above_daily_limit',
        message: 'perAuthorizationMinor must not exceed perDayMinor',
      });
    }
    if (errors.length > 0) throw DomainError.invalid(errors);
  }

  private minor(majorUnits: number, currency: Currency): bigint {
    return BigInt(majorUnits) * 10n ** BigInt(CURRENCIES[currency]);
  }

  /** Valid through the end of the month CARD_VALID_YEARS from now (UTC). */
  private expiryFrom(now: Date): string {
    const year = now.getUTCFullYear() + this.config.CARD_VALID_YEARS;
    return `${year}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  }
}
