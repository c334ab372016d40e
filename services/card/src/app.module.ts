import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { CardsModule } from './cards/cards.module';

/** The service's features; the service kit adds configuration, database, messaging, auth and health. */
@Module({ imports: [AccountsModule, CardsModule] })
export class AppModule {}
