import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { SpendingController } from './spending.controller';
import { SpendingRepository } from './spending.repository';
import { SpendingService } from './spending.service';

@Module({
  imports: [AccountsModule],
  controllers: [SpendingController],
  providers: [SpendingRepository, SpendingService],
  exports: [SpendingRepository],
})
export class SpendingModule {}
