import { Injectable } from '@nestjs/common';
import type { Currency } from '@microbank/contracts';
import { PrismaService } from '../database/prisma.service';
import type { $Enums, KnownAccount, Prisma } from '../generated/prisma/client';

type Db = Prisma.TransactionClient;

@Injectable()
export class KnownAccountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(id: string, db: Db = this.prisma): Promise<KnownAccount | null> {
    return db.knownAccount.findUnique({ where: { id } });
  }

  /** Records an opened account; a repeat of the same event changes nothing. */
  async remember(tx: Db, account: { id: string; userId: string; currency: Currency }): Promise<void> {
    await tx.knownAccount.upsert({ where: { id: account.id }, create: account, update: {} });
  }

  /** Sets the status of an account already known; false when the card service never heard of it. */
  async setStatus(tx: Db, id: string, status: $Enums.AccountStatus): Promise<boolean> {
    const { count } = await tx.knownAccount.updateMany({ where: { id }, data: { status, updatedAt: new Date() } });
    return count === 1;
  }
}
