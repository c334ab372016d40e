import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { CardHoldsModule } from './card-holds/card-holds.module';
import { FraudFreezesModule } from './fraud-freezes/fraud-freezes.module';
import { LedgerModule } from './ledger/ledger.module';

/** The service's features; the service kit adds configuration, database, messaging, auth and health. */
@Module({ imports: [AccountsModule, LedgerModule, CardHoldsModule, FraudFreezesModule] })
export class AppModule {}
