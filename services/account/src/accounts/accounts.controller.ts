import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiZodBody, CurrentUser, ZodValidationPipe, type AuthUser } from '@microbank/http';
import type { AccountView } from './account-view';
import { AccountsService } from './accounts.service';
import { listAccountsQuerySchema, type ListAccountsQuery } from './dto/list-accounts.query';
import { openAccountSchema, type OpenAccountDto } from './dto/open-account.dto';

@ApiTags('accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  async list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(listAccountsQuerySchema)) query: ListAccountsQuery,
  ): Promise<{ items: AccountView[] }> {
    return { items: await this.accounts.list(user, query) };
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AccountView> {
    return this.accounts.get(user, id);
  }

  /** Opens a savings account; the current account is opened on signup. */
  @Post()
  @HttpCode(201)
  @ApiZodBody(openAccountSchema)
  open(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(openAccountSchema)) body: OpenAccountDto,
  ): Promise<AccountView> {
    return this.accounts.openSavingsAccount(user, body.currency);
  }
}
