import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { FraudAlertsConsumer } from './fraud-alerts.consumer';
import { FraudFreezesService } from './fraud-freezes.service';

@Module({
  imports: [AccountsModule],
  controllers: [FraudAlertsConsumer],
  providers: [FraudFreezesService],
})
export class FraudFreezesModule {}
