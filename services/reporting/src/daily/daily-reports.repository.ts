import { Injectable } from '@nestjs/common';
import type { AlertSeverity } from '@microbank/contracts';
import type { DailyAlertCount, DailyTotal, Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { dayStart } from '../calendar/calendar';

@Injectable()
export class DailyReportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One more alert of `rule` and `severity` on `day` (YYYY-MM-DD); every partition's consumer adds to it. */
  async countAlert(tx: Prisma.TransactionClient, day: string, rule: string, severity: AlertSeverity): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO daily_alert_count (day, rule, severity, count)
      VALUES (${day}::date, ${rule}, ${severity}::"AlertSeverity", 1)
      ON CONFLICT (day, rule, severity) DO UPDATE SET count = daily_alert_count.count + 1`;
  }

  totals(from: string, to: string): Promise<DailyTotal[]> {
    return this.prisma.dailyTotal.findMany({
      where: { day: { gte: dayStart(from), lte: dayStart(to) } },
      orderBy: [{ day: 'asc' }, { currency: 'asc' }, { kind: 'asc' }, { direction: 'asc' }],
    });
  }

  alertCounts(from: string, to: string): Promise<DailyAlertCount[]> {
    return this.prisma.dailyAlertCount.findMany({
      where: { day: { gte: dayStart(from), lte: dayStart(to) } },
      orderBy: [{ day: 'asc' }, { rule: 'asc' }, { severity: 'asc' }],
    });
  }
}
