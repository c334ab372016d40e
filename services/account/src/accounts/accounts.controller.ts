import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  CurrentUser,
  RequestOrigin,
  ZodValidationPipe,
  type AuthUser,
} from '@microbank/http';
import type { Origin } from '@microbank/contracts';
import { accountViewSchema, type AccountView } from './account-view';
import { AccountsService } from './accounts.service';
import { listAccountsQuerySchema, type ListAccountsQuery } from './dto/list-accounts.query';
import { openAccountSchema, type OpenAccountDto } from './dto/open-account.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiZodQuery(listAccountsQuerySchema)
  @ApiZodResponse(200, z.object({ items: z.array(accountViewSchema) }), 'The accounts the caller may read')
  async list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(listAccountsQuerySchema)) query: ListAccountsQuery,
  ): Promise<{ items: AccountView[] }> {
    return { items: await this.accounts.list(user, query) };
  }

  @Get(':id')
  @ApiZodResponse(200, accountViewSchema, 'The account')
  @ApiProblems(404)
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AccountView> {
    return this.accounts.get(user, id);
  }

  /** Opens a savings account; the current account is opened on signup. */
  @Post()
  @HttpCode(201)
  @ApiZodBody(openAccountSchema)
  @ApiZodResponse(201, accountViewSchema, 'The new savings account')
  @ApiProblems(403)
  open(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(openAccountSchema)) body: OpenAccountDto,
    @RequestOrigin() origin: Origin,
  ): Promise<AccountView> {
    return this.accounts.openSavingsAccount(user, body.currency, origin);
  }
}
