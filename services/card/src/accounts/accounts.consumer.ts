import { Ctx, Payload } from '@nestjs/microservices';
import { AccountFrozenV1, AccountOpenedV1, AccountUnfrozenV1, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { KnownAccountsService } from './known-accounts.service';

/** The card service's view of accounts: who owns each, its currency, whether it is frozen. */
@EventConsumerName('card-accounts')
export class AccountsConsumer {
  constructor(private readonly accounts: KnownAccountsService) {}

  @OnEvent(AccountOpenedV1)
  async onAccountOpened(
    @Payload() event: EventOf<typeof AccountOpenedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.accounts.opened(context.tx, event.payload);
  }

  @OnEvent(AccountFrozenV1)
  async onAccountFrozen(
    @Payload() event: EventOf<typeof AccountFrozenV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.accounts.statusChanged(context.tx, event.payload.accountId, 'frozen');
  }

  @OnEvent(AccountUnfrozenV1)
  async onAccountUnfrozen(
    @Payload() event: EventOf<typeof AccountUnfrozenV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.accounts.statusChanged(context.tx, event.payload.accountId, 'active');
  }
}
