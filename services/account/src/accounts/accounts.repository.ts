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
   * Adds a fraud alert to those that froze a customer account, which stops its debits (credits still arrive). True
   * when the account became frozen by it; false when it was frozen already, or the alert is known already.
   */
  async freezeForAlert(tx: Db, id: string, alertId: string): Promise<boolean> {
    // one statement checks and changes, so two consumers cannot both see the account active. An account frozen with
    // no alert (by hand, or before alerts were recorded) is left alone: no alert's resolution may lift that freeze
    const rows = await tx.$queryRaw<{ alerts: number }[]>`
      UPDATE account
      SET frozen_alert_ids = array_append(frozen_alert_ids, ${alertId}::uuid), status = 'frozen'
      WHERE id = ${id}::uuid AND kind <> 'clearing' AND NOT (${alertId}::uuid = ANY (frozen_alert_ids))
        AND (status = 'active' OR cardinality(frozen_alert_ids) > 0)
      RETURNING cardinality(frozen_alert_ids) AS alerts`;
    return rows[0]?.alerts === 1;
  }

  /**
   * Removes a fraud alert from those that froze a customer account. True when it was the last of them, and the
   * account is active again; false when others still hold it frozen, or this alert never froze it.
   */
  async unfreezeAfterAlert(tx: Db, id: string, alertId: string): Promise<boolean> {
    // SET sees the row as it was: the status turns active when the alert removed was the only one
    const rows = await tx.$queryRaw<{ status: string }[]>`
      UPDATE account
      SET frozen_alert_ids = array_remove(frozen_alert_ids, ${alertId}::uuid),
        status = CASE WHEN frozen_alert_ids = ARRAY[${alertId}::uuid] THEN 'active' ELSE status END
      WHERE id = ${id}::uuid AND kind <> 'clearing' AND ${alertId}::uuid = ANY (frozen_alert_ids)
      RETURNING status::text AS status`;
    return rows[0]?.status === 'active';
  }
}
