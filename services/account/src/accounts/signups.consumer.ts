import { Injectable } from '@nestjs/common';
import { UserSignedUpV1, originOf, type EventOf } from '@microbank/contracts';
import { EventConsumerName, HandlesEvents } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { AccountsService } from './accounts.service';

/** Opens every new customer's current account. */
@Injectable()
@EventConsumerName('open-current-accounts')
export class SignupsConsumer {
  constructor(private readonly accounts: AccountsService) {}

  @HandlesEvents(UserSignedUpV1)
  async onUserSignedUp(event: EventOf<typeof UserSignedUpV1>, tx: Prisma.TransactionClient): Promise<void> {
    await this.accounts.openCurrentAccount(tx, event.payload, originOf(event));
  }
}
