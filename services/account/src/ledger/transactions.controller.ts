import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, ZodValidationPipe, type AuthUser } from '@microbank/http';
import { listTransactionsQuerySchema, type ListTransactionsQuery } from './dto/list-transactions.query';
import { TransactionHistoryService, type TransactionPage } from './transaction-history.service';

@ApiTags('accounts')
@Controller('v1/accounts/:id/transactions')
export class TransactionsController {
  constructor(private readonly history: TransactionHistoryService) {}

  /** The account's postings, newest first; pass nextCursor back as cursor for the next page. */
  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Param('id') accountId: string,
    @Query(new ZodValidationPipe(listTransactionsQuerySchema)) query: ListTransactionsQuery,
  ): Promise<TransactionPage> {
    return this.history.page(user, accountId, query);
  }
}
