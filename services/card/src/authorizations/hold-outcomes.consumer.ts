import { Ctx, Payload } from '@nestjs/microservices';
import {
  CardHoldCapturedV1,
  CardHoldDeclinedV1,
  CardHoldPlacedV1,
  CardHoldReleasedV1,
  CardRefundPostedV1,
  type EventOf,
} from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { HoldAnswersService } from './hold-answers.service';

type Context = EventContext<Prisma.TransactionClient>;

/** The Account service's answers in the card payment saga: held or not, posted, released, refunded. */
@EventConsumerName('card-hold-outcomes')
export class HoldOutcomesConsumer {
  constructor(private readonly answers: HoldAnswersService) {}

  @OnEvent(CardHoldPlacedV1)
  async onHoldPlaced(@Payload() event: EventOf<typeof CardHoldPlacedV1>, @Ctx() context: Context): Promise<void> {
    await this.answers.holdPlaced(context.tx, event.payload, context.origin);
  }

  @OnEvent(CardHoldDeclinedV1)
  async onHoldDeclined(@Payload() event: EventOf<typeof CardHoldDeclinedV1>, @Ctx() context: Context): Promise<void> {
    await this.answers.holdDeclined(context.tx, event.payload, context.origin);
  }

  @OnEvent(CardHoldCapturedV1)
  async onHoldCaptured(@Payload() event: EventOf<typeof CardHoldCapturedV1>, @Ctx() context: Context): Promise<void> {
    await this.answers.holdCaptured(context.tx, event.payload);
  }

  @OnEvent(CardHoldReleasedV1)
  async onHoldReleased(@Payload() event: EventOf<typeof CardHoldReleasedV1>, @Ctx() context: Context): Promise<void> {
    await this.answers.holdReleased(context.tx, event.payload);
  }

  @OnEvent(CardRefundPostedV1)
  async onRefundPosted(@Payload() event: EventOf<typeof CardRefundPostedV1>, @Ctx() context: Context): Promise<void> {
    await this.answers.refundPosted(context.tx, event.payload);
  }
}
