import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { DailyReportsModule } from './daily/daily-reports.module';
import { PostingsModule } from './postings/postings.module';
import { RebuildModule } from './rebuild/rebuild.module';
import { SpendingModule } from './spending/spending.module';
import { StatementsModule } from './statements/statements.module';

/** The service's features; the service kit adds configuration, database, messaging, auth and health. */
@Module({
  imports: [AccountsModule, PostingsModule, StatementsModule, SpendingModule, DailyReportsModule, RebuildModule],
})
export class AppModule {}
