import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { FraudAlertsConsumer } from './fraud-alerts.consumer';
import { FraudFreezesService } from './fraud-freezes.service';

@Module({
  imports: [CardsModule],
  controllers: [FraudAlertsConsumer],
  providers: [FraudFreezesService],
})
export class FraudFreezesModule {}
