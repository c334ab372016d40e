import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ApiProblems,
  ApiZodQuery,
  ApiZodResponse,
  CurrentUser,
  ZodValidationPipe,
  type AuthUser,
} from '@microbank/http';
import { listTransactionsQuerySchema, type ListTransactionsQuery } from './dto/list-transactions.query';
import { TransactionHistoryService, type TransactionPage } from './transaction-history.service';
import { transactionViewSchema } from './transaction-view';

const transactionPageSchema = z.object({
  items: z.array(transactionViewSchema),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
});

@ApiTags('accounts')
@Controller('v1/accounts/:id/transactions')
export class TransactionsController {
  constructor(private readonly history: TransactionHistoryService) {}

  /** The account's postings, newest first; pass nextCursor back as cursor for the next page. */
  @Get()
  @ApiZodQuery(listTransactionsQuerySchema)
  @ApiZodResponse(200, transactionPageSchema, 'A page of postings')
  @ApiProblems(404)
  list(
    @CurrentUser() user: AuthUser,
    @Param('id') accountId: string,
    @Query(new ZodValidationPipe(listTransactionsQuerySchema)) query: ListTransactionsQuery,
  ): Promise<TransactionPage> {
    return this.history.page(user, accountId, query);
  }
}
