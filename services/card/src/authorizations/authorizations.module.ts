import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { AuthorizationOutcomes } from './authorization-outcomes.service';
import { AuthorizationsRepository } from './authorizations.repository';
import { AuthorizationsService } from './authorizations.service';
import { CardAuthorizationsController } from './card-authorizations.controller';
import { CardNetworkGuard } from './card-network.guard';
import { HoldAnswersService } from './hold-answers.service';
import { HoldOutcomesConsumer } from './hold-outcomes.consumer';
import { SagaSweep } from './saga-sweep.service';

@Module({
  imports: [CardsModule],
  controllers: [CardAuthorizationsController, HoldOutcomesConsumer],
  providers: [
    AuthorizationsRepository,
    AuthorizationsService,
    AuthorizationOutcomes,
    CardNetworkGuard,
    HoldAnswersService,
    SagaSweep,
  ],
})
export class AuthorizationsModule {}
