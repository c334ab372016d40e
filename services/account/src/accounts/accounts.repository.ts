import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Currency } from '@microbank/contracts';
import { PrismaService } from '../database/prisma.service';
import type { Account, Prisma } from '../generated/prisma/client';
import type { AccountKind } from './account-view';
import { generateIban } from './iban';

type Db = Prisma.TransactionClient;

// customer accounts only: the bank's clearing accounts never show through the API
const CUSTOMER_KINDS: AccountKind[] = ['current', 'savings'];

@Injectable()
export class AccountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findCustomerAccount(id: string, db: Db = this.prisma): Promise<Account | null> {
    return db.account.findFirst({ where: { id, kind: { in: CUSTOMER_KINDS } } });
  }

  listOfUser(userId: string): Promise<Account[]> {
    return this.prisma.account.findMany({
      where: { userId, kind: { in: CUSTOMER_KINDS } },
      orderBy: { createdAt: 'asc' },
    });
  }

  listAll(limit: number): Promise<Account[]> {
    return this.prisma.account.findMany({
      where: { kind: { in: CUSTOMER_KINDS } },
      orderBy: { createdAt: 'desc' },
      take: limit,
    });
  }

  findCurrentOf(tx: Db, userId: string): Promise<Account | null> {
    return tx.account.findFirst({ where: { userId, kind: 'current' } });
  }

  /**
   * Inserts a new account with a fresh IBAN. Returns null when the user already has a current account (the
   * partial unique index says so); a colliding IBAN is simply drawn again.
   */
  async insert(tx: Db, userId: string, kind: AccountKind, currency: Currency): Promise<Account | null> {
    for (;;) {
      const id = randomUUID();
      const { count } = await tx.account.createMany({
        data: [{ id, userId, kind, currency, iban: generateIban() }],
        // ON CONFLICT DO NOTHING: a unique violation would abort the whole transaction
        skipDuplicates: true,
      });
      if (count === 1) return tx.account.findUniqueOrThrow({ where: { id } });
      if (kind === 'current' && (await this.findCurrentOf(tx, userId))) return null;
    }
  }

  /**
   * Stops debits on an active customer account for a fraud alert, and remembers the alert; credits still arrive.
   * False when the account is frozen already: it keeps the alert that froze it first.
   */
  async freezeForAlert(tx: Db, id: string, alertId: string): Promise<boolean> {
    // the status in the WHERE makes the check and the change one statement: two alerts cannot both freeze it
    const { count } = await tx.account.updateMany({
      where: { id, kind: { in: CUSTOMER_KINDS }, status: 'active' },
      data: { status: 'frozen', frozenAlertId: alertId },
    });
    return count === 1;
  }

  /** Lifts the freeze this alert caused; false when the account is not frozen, or frozen by another alert. */
  async unfreezeAfterAlert(tx: Db, id: string, alertId: string): Promise<boolean> {
    const { count } = await tx.account.updateMany({
      where: { id, kind: { in: CUSTOMER_KINDS }, status: 'frozen', frozenAlertId: alertId },
      data: { status: 'active', frozenAlertId: null },
    });
    return count === 1;
  }
}
