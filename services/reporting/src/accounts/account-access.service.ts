import { Injectable } from '@nestjs/common';
import { DomainError, isUuid, type Actor } from '@microbank/domain';
import type { Account } from '../generated/prisma/client';
import { AccountsRepository } from './accounts.repository';

/** Who may read an account's reports: its owner (from AccountOpened) and analysts; nobody else learns it exists. */
@Injectable()
export class AccountAccess {
  constructor(private readonly accounts: AccountsRepository) {}

  async readable(actor: Actor, accountId: string): Promise<Account> {
    const account = isUuid(accountId) ? await this.accounts.findAccount(accountId) : null;
    if (!account || (actor.role !== 'analyst' && account.userId !== actor.userId)) {
      throw DomainError.notFound(`The account ${accountId}`);
    }
    return account;
  }
}
