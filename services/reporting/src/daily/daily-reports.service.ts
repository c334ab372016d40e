import { Injectable } from '@nestjs/common';
import { money } from '@microbank/contracts';
import { DomainError, type Actor } from '@microbank/domain';
import { dayOf, daysBetween } from '../calendar/calendar';
import type { DailyReportView } from './daily-report-view';
import { DailyReportsRepository } from './daily-reports.repository';

@Injectable()
export class DailyReportsService {
  constructor(private readonly daily: DailyReportsRepository) {}

  /** Bank-wide postings per currency, kind and direction, and alerts per rule, for every UTC day of the range. */
  async between(actor: Actor, from: string, to: string): Promise<DailyReportView> {
    if (actor.role !== 'analyst') throw DomainError.forbidden('Only bank staff (analysts) read the daily report.');
    const [totals, alerts] = await Promise.all([this.daily.totals(from, to), this.daily.alertCounts(from, to)]);
    return {
      from,
      to,
      days: daysBetween(from, to).map((day) => ({
        day,
        postings: totals
          .filter((t) => dayOf(t.day) === day)
          .map((t) => ({
            currency: t.currency,
            kind: t.kind,
            direction: t.direction,
            count: t.count,
            amount: money(t.sumMinor, t.currency),
          })),
        alerts: alerts
          .filter((a) => dayOf(a.day) === day)
          .map((a) => ({ rule: a.rule, severity: a.severity, count: a.count })),
      })),
    };
  }
}
