import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { AuthorizationOutcomes } from './authorization-outcomes.service';
import { AuthorizationsRepository } from './authorizations.repository';
import { AuthorizationsService } from './authorizations.service';
import { CardAuthorizationsController } from './card-authorizations.controller';
import { CardNetworkGuard } from './card-network.guard';
import { ExpirySweep } from './expiry-sweep.service';
import { HoldOutcomesConsumer } from './hold-outcomes.consumer';

@Module({
  imports: [CardsModule],
  controllers: [CardAuthorizationsController, HoldOutcomesConsumer],
  providers: [AuthorizationsRepository, AuthorizationsService, AuthorizationOutcomes, CardNetworkGuard, ExpirySweep],
})
export class AuthorizationsModule {}
