import { Injectable } from '@nestjs/common';
import type { Currency } from '@microbank/contracts';
import type { KnownAccount, Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

type Db = Prisma.TransactionClient;

/** Customers and accounts as their events described them; a repeated event changes nothing. */
@Injectable()
export class CustomersRepository {
  constructor(private readonly prisma: PrismaService) {}

  async rememberCustomer(tx: Db, customer: { id: string; fullName: string; signedUpAt: Date }): Promise<void> {
    await tx.customer.upsert({ where: { id: customer.id }, create: customer, update: {} });
  }

  async rememberAccount(
    tx: Db,
    account: { id: string; userId: string; currency: Currency; openedAt: Date },
  ): Promise<void> {
    await tx.knownAccount.upsert({ where: { id: account.id }, create: account, update: {} });
  }

  findAccount(tx: Db, id: string): Promise<KnownAccount | null> {
    return tx.knownAccount.findUnique({ where: { id } });
  }

  /** Names by user id, for alert views. */
  async namesOf(userIds: readonly string[]): Promise<Map<string, string>> {
    const customers = await this.prisma.customer.findMany({ where: { id: { in: [...new Set(userIds)] } } });
    return new Map(customers.map((c) => [c.id, c.fullName]));
  }
}
