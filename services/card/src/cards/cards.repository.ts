import { Injectable } from '@nestjs/common';
import type { Currency } from '@microbank/contracts';
import { PrismaService } from '../database/prisma.service';
import type { $Enums, Card, KnownAccount, Prisma } from '../generated/prisma/client';

type Db = Prisma.TransactionClient;

export interface NewCard {
  readonly id: string;
  readonly accountId: string;
  readonly userId: string;
  readonly panHash: string;
  readonly last4: string;
  readonly expiresOn: string;
  readonly currency: Currency;
  readonly limitPerAuthorizationMinor: bigint;
  readonly limitPerDayMinor: bigint;
}

@Injectable()
export class CardsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts the card; false when its PAN hash is taken (a drawn PAN collided: draw another). */
  async insert(tx: Db, card: NewCard): Promise<boolean> {
    // ON CONFLICT DO NOTHING: a unique violation would abort the whole transaction
    const { count } = await tx.card.createMany({ data: [card], skipDuplicates: true });
    return count === 1;
  }

  find(id: string, db: Db = this.prisma): Promise<Card | null> {
    return db.card.findUnique({ where: { id } });
  }

  /** The card, row-locked until the transaction ends, so two changes to it apply one after the other. */
  async lock(tx: Db, id: string): Promise<Card | null> {
    await tx.$executeRaw`SELECT 1 FROM card WHERE id = ${id}::uuid FOR UPDATE`;
    return tx.card.findUnique({ where: { id } });
  }

  /** The card with this PAN hash and its account, row-locked: one authorization on a card at a time. */
  async lockByPanHash(tx: Db, panHash: string): Promise<(Card & { account: KnownAccount }) | null> {
    await tx.$executeRaw`SELECT 1 FROM card WHERE pan_hash = ${panHash} FOR UPDATE`;
    return tx.card.findUnique({ where: { panHash }, include: { account: true } });
  }

  listOfUser(userId: string): Promise<Card[]> {
    return this.prisma.card.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });
  }

  listNewest(limit: number): Promise<Card[]> {
    return this.prisma.card.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
  }

  update(
    tx: Db,
    id: string,
    data: {
      status?: $Enums.CardStatus;
      frozenByHolder?: boolean;
      frozenAlertIds?: string[];
      limitPerAuthorizationMinor?: bigint;
      limitPerDayMinor?: bigint;
    },
  ): Promise<Card> {
    return tx.card.update({ where: { id }, data });
  }
}
