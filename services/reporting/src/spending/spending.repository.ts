import { Injectable } from '@nestjs/common';
import type { MonthlySpending } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class SpendingRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The account's spending rows of the months from `from` to `to` (YYYY-MM, both included). */
  between(accountId: string, from: string, to: string): Promise<MonthlySpending[]> {
    return this.prisma.monthlySpending.findMany({
      where: { accountId, month: { gte: from, lte: to } },
      orderBy: [{ month: 'asc' }, { category: 'asc' }],
    });
  }
}
