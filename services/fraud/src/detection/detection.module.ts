import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { CustomersModule } from '../customers/customers.module';
import { ActivityRepository } from './activity.repository';
import { CardActivityConsumer } from './card-activity.consumer';
import { DetectionService } from './detection.service';
import { RuleBook } from './rule-book';
import { TransactionsConsumer } from './transactions.consumer';

@Module({
  imports: [CustomersModule, AlertsModule],
  controllers: [TransactionsConsumer, CardActivityConsumer],
  providers: [ActivityRepository, DetectionService, RuleBook],
})
export class DetectionModule {}
