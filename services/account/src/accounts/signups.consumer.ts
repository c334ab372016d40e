import { Ctx, Payload } from '@nestjs/microservices';
import { UserSignedUpV1, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { AccountsService } from './accounts.service';

/** Opens every new customer's current account. */
@EventConsumerName('open-current-accounts')
export class SignupsConsumer {
  constructor(private readonly accounts: AccountsService) {}

  @OnEvent(UserSignedUpV1)
  async onUserSignedUp(
    @Payload() event: EventOf<typeof UserSignedUpV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.accounts.openCurrentAccount(context.tx, event.payload, context.origin);
  }
}
