import { Ctx, Payload } from '@nestjs/microservices';
import {
  CardAuthorizationDeclinedV1,
  CardAuthorizationRequestedV1,
  type DeclineReason,
  type EventOf,
  type Merchant,
  type Money,
} from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import type { CardAttemptFact } from '../rules/fraud-rule';
import { DetectionService } from './detection.service';

interface AttemptPayload {
  authorizationId: string;
  cardId: string;
  accountId: string;
  amount: Money;
  merchant: Merchant;
}

/** Authorization attempts on cards, approved or not: the velocity, card-testing and impossible-travel rules. */
@EventConsumerName('fraud-cards')
export class CardActivityConsumer {
  constructor(private readonly detection: DetectionService) {}

  @OnEvent(CardAuthorizationRequestedV1)
  async onRequested(
    @Payload() event: EventOf<typeof CardAuthorizationRequestedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.detection.attempted(context.tx, attemptOf(event, null), context.origin);
  }

  // a card's own checks (CVC, expiry, limits) decline without a request event; the account's declines follow one
  @OnEvent(CardAuthorizationDeclinedV1)
  async onDeclined(
    @Payload() event: EventOf<typeof CardAuthorizationDeclinedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.detection.attempted(context.tx, attemptOf(event, event.payload.reason), context.origin);
  }
}

function attemptOf(
  event: { eventId: string; occurredAt: string; payload: AttemptPayload },
  declineReason: DeclineReason | null,
): CardAttemptFact {
  const { authorizationId, cardId, accountId, amount, merchant } = event.payload;
  return {
    eventId: event.eventId,
    authorizationId,
    cardId,
    accountId,
    amountMinor: BigInt(amount.amountMinor),
    currency: amount.currency,
    country: merchant.country,
    at: new Date(event.occurredAt),
    declined: declineReason !== null,
    declineReason,
  };
}
