import { Injectable } from '@nestjs/common';
import type { PayloadOf, AccountOpenedV1 } from '@microbank/contracts';
import { DomainError } from '@microbank/domain';
import type { $Enums, Prisma } from '../generated/prisma/client';
import { KnownAccountsRepository } from './known-accounts.repository';

/** Keeps the replica of accounts the card service decides with; it never asks the account service. */
@Injectable()
export class KnownAccountsService {
  constructor(private readonly accounts: KnownAccountsRepository) {}

  opened(tx: Prisma.TransactionClient, account: PayloadOf<typeof AccountOpenedV1>): Promise<void> {
    return this.accounts.remember(tx, { id: account.accountId, userId: account.userId, currency: account.currency });
  }

  async statusChanged(tx: Prisma.TransactionClient, accountId: string, status: $Enums.AccountStatus): Promise<void> {
    // per-account order on banking.accounts puts AccountOpened first: a status for an unknown account is an error
    if (!(await this.accounts.setStatus(tx, accountId, status))) {
      throw DomainError.notFound(`The account ${accountId}`);
    }
  }
}
