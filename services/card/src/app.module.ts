import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AuthorizationsModule } from './authorizations/authorizations.module';
import { CardsModule } from './cards/cards.module';
import { FraudFreezesModule } from './fraud-freezes/fraud-freezes.module';

/** The service's features; the service kit adds configuration, database, messaging, auth and health. */
@Module({ imports: [AccountsModule, CardsModule, AuthorizationsModule, FraudFreezesModule] })
export class AppModule {}
