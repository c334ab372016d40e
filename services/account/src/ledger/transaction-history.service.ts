import { Injectable } from '@nestjs/common';
import type { Actor } from '@microbank/domain';
import { AccountsService } from '../accounts/accounts.service';
import type { ListTransactionsQuery } from './dto/list-transactions.query';
import { LedgerRepository } from './ledger.repository';
import { toTransactionView, type TransactionView } from './transaction-view';

export interface TransactionPage {
  readonly items: TransactionView[];
  readonly nextCursor: string | null;
}

/** An account's postings, newest first, for whoever may read the account. */
@Injectable()
export class TransactionHistoryService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly ledger: LedgerRepository,
  ) {}

  async page(user: Actor, accountId: string, query: ListTransactionsQuery): Promise<TransactionPage> {
    const account = await this.accounts.readable(user, accountId);
    // one more than asked tells whether another page exists
    const entries = await this.ledger.listEntries(account.id, {
      before: query.cursor === undefined ? undefined : BigInt(query.cursor),
      limit: query.limit + 1,
    });
    const page = entries.slice(0, query.limit);
    return {
      items: page.map(toTransactionView),
      nextCursor: entries.length > query.limit ? page.at(-1)!.id.toString() : null,
    };
  }
}
