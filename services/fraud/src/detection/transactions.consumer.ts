import { Ctx, Payload } from '@nestjs/microservices';
import { TransactionPostedV1, TransactionPostedV2, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { DetectionService } from './detection.service';

/** Money moving on accounts: the large-amount, new-account-drain and structuring rules. */
@EventConsumerName('fraud-transactions')
export class TransactionsConsumer {
  constructor(private readonly detection: DetectionService) {}

  @OnEvent(TransactionPostedV2)
  async onPosted(
    @Payload() event: EventOf<typeof TransactionPostedV2>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.judge(event, event.payload.card?.cardId ?? null, context);
  }

  // the log still holds postings from before v2; the rules remember them the same way
  @OnEvent(TransactionPostedV1)
  async onPostedV1(
    @Payload() event: EventOf<typeof TransactionPostedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.judge(event, null, context);
  }

  private async judge(
    event: EventOf<typeof TransactionPostedV1> | EventOf<typeof TransactionPostedV2>,
    cardId: string | null,
    context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    const posted = event.payload;
    await this.detection.posted(
      context.tx,
      {
        eventId: event.eventId,
        accountId: posted.accountId,
        userId: posted.userId,
        kind: posted.kind,
        direction: posted.direction,
        amountMinor: BigInt(posted.amount.amountMinor),
        currency: posted.amount.currency,
        at: new Date(posted.postedAt),
      },
      { transactionId: posted.transactionId, cardId },
      context.origin,
    );
  }
}
