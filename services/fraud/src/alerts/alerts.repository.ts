import { Injectable } from '@nestjs/common';
import type { AlertResolution, AlertSeverity, FraudRuleName } from '@microbank/contracts';
import { PrismaService } from '../database/prisma.service';
import type { AccountPosting, Alert, $Enums, CardAttempt, Prisma } from '../generated/prisma/client';

type Db = Prisma.TransactionClient;

/** Where a new alert's stream position is announced; the live streams LISTEN on it. */
export const ALERT_CHANNEL = 'fraud_alert_raised';

// advisory lock namespaces of their own (the two-key form), so no other lock of the database can collide with them
const SUBJECT_LOCKS = 0x66727362; // "frsb": one per rule and subject
const STREAM_LOCK = 0x66727374; // "frst": the one every alert insert takes

export interface AlertFilter {
  status?: $Enums.AlertStatus;
  severity?: AlertSeverity;
  rule?: FraudRuleName;
  userId?: string;
  /** only alerts with a stream position below this one (the previous page's last) */
  beforeSeq?: bigint;
}

export type NewAlert = Omit<Prisma.AlertUncheckedCreateInput, 'seq' | 'status' | 'createdAt'>;

@Injectable()
export class AlertsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Holds these rule-and-subject keys until the transaction ends, in one order for every caller (no deadlock): two
   * events about one card, consumed at once, cannot both see "no alert yet" and raise two.
   */
  async lockSubjects(tx: Db, keys: readonly string[]): Promise<void> {
    for (const key of [...new Set(keys)].sort()) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SUBJECT_LOCKS}::int, hashtext(${key}))`;
    }
  }

  /** Whether the rule already raised an alert of one of these severities about the subject, its window still open at `at`. */
  async hasOpenWindow(
    tx: Db,
    rule: string,
    subject: string,
    at: Date,
    severities: readonly AlertSeverity[],
  ): Promise<boolean> {
    const found = await tx.alert.findFirst({
      where: { rule, subject, windowEndsAt: { gt: at }, severity: { in: [...severities] } },
      select: { id: true },
    });
    return found !== null;
  }

  /**
   * Inserts the alert as the only alert insert in flight (a lock held to commit), so its `seq` commits after
   * every smaller one: a stream that has shown seq N has shown everything before it. Alerts are rare, so waiting
   * for that lock costs little. Then announces the alert on commit.
   */
  async insert(tx: Db, alert: NewAlert): Promise<Alert> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${STREAM_LOCK}::int, 0)`;
    const created = await tx.alert.create({ data: alert });
    await tx.$executeRaw`SELECT pg_notify(${ALERT_CHANNEL}, ${created.seq.toString()})`;
    return created;
  }

  findById(id: string): Promise<Alert | null> {
    return this.prisma.alert.findUnique({ where: { id } });
  }

  /** Newest first. */
  list(filter: AlertFilter, take: number): Promise<Alert[]> {
    return this.prisma.alert.findMany({
      where: {
        status: filter.status,
        severity: filter.severity,
        rule: filter.rule,
        userId: filter.userId,
        seq: filter.beforeSeq === undefined ? undefined : { lt: filter.beforeSeq },
      },
      orderBy: { seq: 'desc' },
      take,
    });
  }

  /** Alerts after a stream position, oldest first: what a live stream sends next. */
  after(seq: bigint, userId: string | undefined, take: number): Promise<Alert[]> {
    return this.prisma.alert.findMany({
      where: { seq: { gt: seq }, userId },
      orderBy: { seq: 'asc' },
      take,
    });
  }

  async lastSeq(): Promise<bigint> {
    const last = await this.prisma.alert.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
    return last?.seq ?? 0n;
  }

  /** Locks the alert for its resolution. */
  async findForUpdate(tx: Db, id: string): Promise<Alert | null> {
    await tx.$executeRaw`SELECT 1 FROM alert WHERE id = ${id}::uuid FOR UPDATE`;
    return tx.alert.findUnique({ where: { id } });
  }

  resolve(tx: Db, id: string, resolution: AlertResolution, resolvedBy: string, note: string | null): Promise<Alert> {
    return tx.alert.update({
      where: { id },
      data: { status: resolution, resolvedBy, resolvedAt: new Date(), resolutionNote: note },
    });
  }

  /** The stored facts behind an alert's evidence ids. */
  async evidence(ids: readonly string[]): Promise<{ postings: AccountPosting[]; attempts: CardAttempt[] }> {
    const [postings, attempts] = await Promise.all([
      this.prisma.accountPosting.findMany({ where: { eventId: { in: [...ids] } } }),
      this.prisma.cardAttempt.findMany({ where: { eventIds: { hasSome: [...ids] } } }),
    ]);
    return { postings, attempts };
  }
}
