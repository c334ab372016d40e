import { Ctx, Payload } from '@nestjs/microservices';
import { AccountOpenedV1, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { AccountsRepository } from './accounts.repository';

/** Who owns which account: the only source of the statement routes' ownership check. */
@EventConsumerName('reporting-accounts')
export class AccountsConsumer {
  constructor(private readonly accounts: AccountsRepository) {}

  @OnEvent(AccountOpenedV1)
  async onAccountOpened(
    @Payload() event: EventOf<typeof AccountOpenedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    const { accountId, userId, iban, currency, kind } = event.payload;
    await this.accounts.rememberAccount(context.tx, {
      id: accountId,
      userId,
      iban,
      currency,
      kind,
      openedAt: new Date(event.occurredAt),
    });
  }
}
