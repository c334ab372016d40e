import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CardSecrets } from './card-secrets';
import { CardsController } from './cards.controller';
import { CardsRepository } from './cards.repository';
import { CardsService } from './cards.service';

@Module({
  imports: [AccountsModule],
  controllers: [CardsController],
  providers: [CardSecrets, CardsRepository, CardsService],
  exports: [CardSecrets, CardsRepository, CardsService],
})
export class CardsModule {}
