import { Injectable } from '@nestjs/common';
import type { StatementLine } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class StatementsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The account's last line posted before `before`: its balance opens the statement that starts there. */
  lastLineBefore(accountId: string, before: Date): Promise<StatementLine | null> {
    return this.prisma.statementLine.findFirst({
      where: { accountId, postedAt: { lt: before } },
      orderBy: { lineNo: 'desc' },
    });
  }

  /** The account's lines posted in [from, to), in the order they were posted. */
  linesBetween(accountId: string, from: Date, to: Date): Promise<StatementLine[]> {
    return this.prisma.statementLine.findMany({
      where: { accountId, postedAt: { gte: from, lt: to } },
      orderBy: { lineNo: 'asc' },
    });
  }
}
