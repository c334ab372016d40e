import { Module } from '@nestjs/common';
import { AccountsConsumer } from './accounts.consumer';
import { KnownAccountsRepository } from './known-accounts.repository';
import { KnownAccountsService } from './known-accounts.service';

@Module({
  controllers: [AccountsConsumer],
  providers: [KnownAccountsRepository, KnownAccountsService],
  exports: [KnownAccountsRepository],
})
export class AccountsModule {}
