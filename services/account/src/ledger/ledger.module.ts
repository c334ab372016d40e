import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { MoneyMovementsController } from './money-movements.controller';
import { TransactionHistoryService } from './transaction-history.service';
import { TransactionsController } from './transactions.controller';

@Module({
  imports: [AccountsModule, IdempotencyModule],
  controllers: [MoneyMovementsController, TransactionsController],
  providers: [LedgerRepository, LedgerService, TransactionHistoryService],
  exports: [LedgerRepository, LedgerService],
})
export class LedgerModule {}
