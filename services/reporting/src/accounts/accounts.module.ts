import { Module } from '@nestjs/common';
import { AccountAccess } from './account-access.service';
import { AccountsConsumer } from './accounts.consumer';
import { AccountsRepository } from './accounts.repository';
import { CardsConsumer } from './cards.consumer';
import { SignupsConsumer } from './signups.consumer';

@Module({
  controllers: [SignupsConsumer, AccountsConsumer, CardsConsumer],
  providers: [AccountsRepository, AccountAccess],
  exports: [AccountsRepository, AccountAccess],
})
export class AccountsModule {}
