import { Ctx, Payload } from '@nestjs/microservices';
import { AccountOpenedV1, UserSignedUpV1, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { CustomersRepository } from './customers.repository';

/** Who owns what: the names analysts see on alerts, and when each account opened. */
@EventConsumerName('fraud-customers')
export class CustomersConsumer {
  constructor(private readonly customers: CustomersRepository) {}

  @OnEvent(UserSignedUpV1)
  async onSignedUp(
    @Payload() event: EventOf<typeof UserSignedUpV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    const { userId, fullName } = event.payload;
    await this.customers.rememberCustomer(context.tx, { id: userId, fullName, signedUpAt: new Date(event.occurredAt) });
  }

  @OnEvent(AccountOpenedV1)
  async onAccountOpened(
    @Payload() event: EventOf<typeof AccountOpenedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    const { accountId, userId, currency } = event.payload;
    await this.customers.rememberAccount(context.tx, {
      id: accountId,
      userId,
      currency,
      openedAt: new Date(event.occurredAt),
    });
  }
}
