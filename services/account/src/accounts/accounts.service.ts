import { Injectable } from '@nestjs/common';
import { AccountOpenedV1, createEvent, type Currency, type Origin } from '@microbank/contracts';
import { DomainError, isUuid, type Actor } from '@microbank/domain';
import { OutboxWriter } from '@microbank/messaging';
import { PrismaService } from '../database/prisma.service';
import type { Account, Prisma } from '../generated/prisma/client';
import { toAccountView, type AccountView } from './account-view';
import { AccountsRepository } from './accounts.repository';
import { currencyForCountry } from './currency-for-country';

// an analyst's unfiltered list is a look at the newest accounts, not an export
const ANALYST_LIST_LIMIT = 100;

@Injectable()
export class AccountsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly accounts: AccountsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** After signup: the user's current account, in their country's currency. Opening it twice opens nothing. */
  async openCurrentAccount(
    tx: Prisma.TransactionClient,
    user: { userId: string; country: string },
    origin: Origin,
  ): Promise<{ account: Account; opened: boolean }> {
    const account = await this.accounts.insert(tx, user.userId, 'current', currencyForCountry(user.country));
    if (!account) return { account: (await this.accounts.findCurrentOf(tx, user.userId))!, opened: false };
    await this.outbox.add(tx, this.accountOpened(account, origin));
    return { account, opened: true };
  }

  async openSavingsAccount(user: Actor, currency: Currency, origin: Origin): Promise<AccountView> {
    if (user.role !== 'customer') throw DomainError.forbidden('Only customers open accounts.');
    const account = await this.prisma.$transaction(async (tx) => {
      const opened = (await this.accounts.insert(tx, user.userId, 'savings', currency))!;
      await this.outbox.add(tx, this.accountOpened(opened, origin));
      return opened;
    });
    return toAccountView(account);
  }

  /** A customer's own accounts; an analyst's view of anyone's. */
  async list(user: Actor, filter: { userId?: string }): Promise<AccountView[]> {
    if (user.role === 'customer') {
      if (filter.userId && filter.userId !== user.userId) return [];
      return (await this.accounts.listOfUser(user.userId)).map(toAccountView);
    }
    const accounts = filter.userId
      ? await this.accounts.listOfUser(filter.userId)
      : await this.accounts.listAll(ANALYST_LIST_LIMIT);
    return accounts.map(toAccountView);
  }

  async get(user: Actor, id: string): Promise<AccountView> {
    return toAccountView(await this.readable(user, id));
  }

  /** The account if this user may read it; 404 alike for a missing and a foreign one, so ids reveal nothing. */
  async readable(user: Actor, id: string): Promise<Account> {
    const account = isUuid(id) ? await this.accounts.findCustomerAccount(id) : null;
    if (!account || (user.role === 'customer' && account.userId !== user.userId))
      throw DomainError.notFound('The account');
    return account;
  }

  private accountOpened(account: Account, origin: Origin) {
    return createEvent(
      AccountOpenedV1,
      account.id,
      {
        accountId: account.id,
        userId: account.userId!,
        iban: account.iban!,
        currency: account.currency,
        kind: account.kind,
      },
      { source: 'account', ...origin },
    );
  }
}
