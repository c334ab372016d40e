import { Ctx, Payload } from '@nestjs/microservices';
import { CardIssuedV1, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { AccountsRepository } from './accounts.repository';

/** Cards' last four digits, so a card line can say "Card •••• 1234". */
@EventConsumerName('reporting-cards')
export class CardsConsumer {
  constructor(private readonly accounts: AccountsRepository) {}

  @OnEvent(CardIssuedV1)
  async onCardIssued(
    @Payload() event: EventOf<typeof CardIssuedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    const { cardId, accountId, last4 } = event.payload;
    await this.accounts.rememberCard(context.tx, { id: cardId, accountId, last4 });
  }
}
