import { Ctx, Payload } from '@nestjs/microservices';
import { TransactionPostedV1, TransactionPostedV2, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { postingOf } from './posting';
import { PostingsRepository } from './postings.repository';

/** Every posting becomes a statement line, card spending and the bank's daily totals, in one transaction. */
@EventConsumerName('reporting-transactions')
export class TransactionsConsumer {
  constructor(private readonly postings: PostingsRepository) {}

  @OnEvent(TransactionPostedV2)
  async onPosted(
    @Payload() event: EventOf<typeof TransactionPostedV2>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.record(event, context.tx);
  }

  // the log still holds postings from before v2: a statement has every one of them
  @OnEvent(TransactionPostedV1)
  async onPostedV1(
    @Payload() event: EventOf<typeof TransactionPostedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.record(event, context.tx);
  }

  private async record(
    event: EventOf<typeof TransactionPostedV1> | EventOf<typeof TransactionPostedV2>,
    tx: Prisma.TransactionClient,
  ): Promise<void> {
    const posting = postingOf(event);
    await this.postings.appendLine(tx, posting);
    await this.postings.addSpending(tx, posting);
    await this.postings.addDailyTotal(tx, posting);
  }
}
