import { Ctx, Payload } from '@nestjs/microservices';
import { FraudAlertRaisedV1, type EventOf } from '@microbank/contracts';
import { EventConsumerName, EventContext, OnEvent } from '@microbank/messaging';
import { dayOf } from '../calendar/calendar';
import type { Prisma } from '../generated/prisma/client';
import { DailyReportsRepository } from './daily-reports.repository';

/** Alerts raised per day, rule and severity, for the analysts' daily report. */
@EventConsumerName('reporting-alerts')
export class AlertsConsumer {
  constructor(private readonly daily: DailyReportsRepository) {}

  // counted on the day the fraud service raised it: the event's own time, so a replay counts the same day
  @OnEvent(FraudAlertRaisedV1)
  async onAlertRaised(
    @Payload() event: EventOf<typeof FraudAlertRaisedV1>,
    @Ctx() context: EventContext<Prisma.TransactionClient>,
  ): Promise<void> {
    const { rule, severity } = event.payload;
    await this.daily.countAlert(context.tx, dayOf(new Date(event.occurredAt)), rule, severity);
  }
}
