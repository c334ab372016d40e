import { Ctx, Payload } from '@nestjs/microservices';
import { FraudAlertRaisedV1, FraudAlertResolvedV1, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import { FraudFreezesService } from './fraud-freezes.service';

/** The fraud service's alerts: freeze the account an alert names, unfreeze it after a false positive. */
@EventConsumerName('account-fraud-alerts')
export class FraudAlertsConsumer {
  constructor(private readonly freezes: FraudFreezesService) {}

  @OnEvent(FraudAlertRaisedV1)
  async onAlertRaised(
    @Payload() event: EventOf<typeof FraudAlertRaisedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.freezes.alertRaised(context.tx, event.payload, context.origin);
  }

  @OnEvent(FraudAlertResolvedV1)
  async onAlertResolved(
    @Payload() event: EventOf<typeof FraudAlertResolvedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    await this.freezes.alertResolved(context.tx, event.payload, context.origin);
  }
}
