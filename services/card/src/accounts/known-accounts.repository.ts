import { Injectable } from '@nestjs/common';
import type { Currency } from '@microbank/contracts';
import type { $Enums, KnownAccount, Prisma } from '../generated/prisma/client';

type Db = Prisma.TransactionClient;

/** The replica's table; every method runs in the caller's transaction (a consumer's, or issuing a card). */
@Injectable()
export class KnownAccountsRepository {
  /** The account, share-locked until the transaction ends: its status cannot change under the caller. */
  async findForShare(tx: Db, id: string): Promise<KnownAccount | null> {
    await tx.$executeRaw`SELECT 1 FROM known_account WHERE id = ${id}::uuid FOR SHARE`;
    return tx.knownAccount.findUnique({ where: { id } });
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
