import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { SpendingModule } from '../spending/spending.module';
import { StatementsController } from './statements.controller';
import { StatementsRepository } from './statements.repository';
import { StatementsService } from './statements.service';

@Module({
  imports: [AccountsModule, SpendingModule],
  controllers: [StatementsController],
  providers: [StatementsRepository, StatementsService],
})
export class StatementsModule {}
