import { Injectable } from '@nestjs/common';
import type { Currency } from '@microbank/contracts';
import type { Account, Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

type Db = Prisma.TransactionClient;

/** Customers, accounts and cards as their events described them; a repeated event changes nothing. */
@Injectable()
export class AccountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async rememberCustomer(tx: Db, customer: { userId: string; fullName: string }): Promise<void> {
    await tx.customer.upsert({ where: { userId: customer.userId }, create: customer, update: {} });
  }

  async rememberAccount(
    tx: Db,
    account: { id: string; userId: string; iban: string; currency: Currency; kind: Account['kind']; openedAt: Date },
  ): Promise<void> {
    await tx.account.upsert({ where: { id: account.id }, create: account, update: {} });
  }

  async rememberCard(tx: Db, card: { id: string; accountId: string; last4: string }): Promise<void> {
    await tx.card.upsert({ where: { id: card.id }, create: card, update: {} });
  }

  findAccount(id: string): Promise<Account | null> {
    return this.prisma.account.findUnique({ where: { id } });
  }

  async holderName(userId: string): Promise<string | null> {
    const customer = await this.prisma.customer.findUnique({ where: { userId } });
    return customer?.fullName ?? null;
  }

  /** The last four digits of each of the account's cards, by card id. */
  async cardDigitsOf(accountId: string): Promise<Map<string, string>> {
    const cards = await this.prisma.card.findMany({ where: { accountId } });
    return new Map(cards.map((card) => [card.id, card.last4]));
  }
}
