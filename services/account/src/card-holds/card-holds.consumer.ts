import { Ctx, Payload } from '@nestjs/microservices';
import {
  CardAuthorizationExpiredV1,
  CardAuthorizationRequestedV1,
  CardAuthorizationReversedV1,
  CardCaptureRequestedV1,
  CardRefundRequestedV1,
  type EventOf,
} from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { CardHoldsService } from './card-holds.service';

type Context = EventContext<Prisma.TransactionClient>;

/** The Card service's requests in the card payment saga: hold, release, capture and refund. */
@EventConsumerName('account-card-holds')
export class CardHoldsConsumer {
  constructor(private readonly holds: CardHoldsService) {}

  @OnEvent(CardAuthorizationRequestedV1)
  async onAuthorizationRequested(
    @Payload() event: EventOf<typeof CardAuthorizationRequestedV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.holds.place(context.tx, event.payload, context.origin);
  }

  @OnEvent(CardAuthorizationReversedV1)
  async onAuthorizationReversed(
    @Payload() event: EventOf<typeof CardAuthorizationReversedV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.holds.release(context.tx, event.payload, 'reversed', context.origin);
  }

  @OnEvent(CardAuthorizationExpiredV1)
  async onAuthorizationExpired(
    @Payload() event: EventOf<typeof CardAuthorizationExpiredV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.holds.release(context.tx, event.payload, 'expired', context.origin);
  }

  @OnEvent(CardCaptureRequestedV1)
  async onCaptureRequested(
    @Payload() event: EventOf<typeof CardCaptureRequestedV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.holds.capture(context.tx, event.payload, context.origin);
  }

  @OnEvent(CardRefundRequestedV1)
  async onRefundRequested(
    @Payload() event: EventOf<typeof CardRefundRequestedV1>,
    @Ctx() context: Context,
  ): Promise<void> {
    await this.holds.refund(context.tx, event.payload, context.origin);
  }
}
