import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { CardHoldsConsumer } from './card-holds.consumer';
import { CardHoldsRepository } from './card-holds.repository';
import { CardHoldsService } from './card-holds.service';

@Module({
  imports: [LedgerModule],
  controllers: [CardHoldsConsumer],
  providers: [CardHoldsRepository, CardHoldsService],
})
export class CardHoldsModule {}
