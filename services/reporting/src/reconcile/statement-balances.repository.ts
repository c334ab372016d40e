import type { Currency } from '@microbank/contracts';
import type { PrismaService } from '../database/prisma.service';

/** A statement line's balance, as the reconciliation compares it. */
export interface LineBalance {
  readonly accountId: string;
  readonly eventId: string;
  readonly lineNo: number;
  readonly balanceAfterMinor: bigint;
  readonly currency: Currency;
}

const CHUNK = 5_000;

/** The read model as the reconciliation reads it, outside the service's Nest app. */
export class StatementBalancesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The lines recorded for these TransactionPosted event ids. */
  async linesOfEvents(eventIds: readonly string[]): Promise<LineBalance[]> {
    const lines: LineBalance[] = [];
    for (let i = 0; i < eventIds.length; i += CHUNK) {
      lines.push(
        ...(await this.prisma.statementLine.findMany({
          where: { eventId: { in: eventIds.slice(i, i + CHUNK) } },
          select: { accountId: true, eventId: true, lineNo: true, balanceAfterMinor: true, currency: true },
        })),
      );
    }
    return lines;
  }

  /** Every account's last statement line. */
  lastLines(): Promise<LineBalance[]> {
    return this.prisma.$queryRaw<LineBalance[]>`
      SELECT DISTINCT ON (account_id) account_id AS "accountId", event_id::text AS "eventId", line_no AS "lineNo",
        balance_after_minor AS "balanceAfterMinor", currency::text AS currency
      FROM statement_line ORDER BY account_id, line_no DESC`;
  }
}
