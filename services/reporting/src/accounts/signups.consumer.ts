import { Ctx, Payload } from '@nestjs/microservices';
import { UserSignedUpV1, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { AccountsRepository } from './accounts.repository';

/** Customers' names, for the holder on a PDF statement. */
@EventConsumerName('reporting-signups')
export class SignupsConsumer {
  constructor(private readonly accounts: AccountsRepository) {}

  @OnEvent(UserSignedUpV1)
  async onSignedUp(
    @Payload() event: EventOf<typeof UserSignedUpV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    const { userId, fullName } = event.payload;
    await this.accounts.rememberCustomer(context.tx, { userId, fullName });
  }
}
