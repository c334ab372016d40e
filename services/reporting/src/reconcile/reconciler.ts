import type { Kafka } from 'kafkajs';
import { Topics, money, type Money } from '@microbank/contracts';
import type { TopicNames } from '@microbank/messaging';
import { readPostingLog, type NewestPosting, type PostingLog, type Progress } from './posting-log-reader';
import type { LineBalance, StatementBalancesRepository } from './statement-balances.repository';

/** What the log says an account holds and what its statement says differ, or the statement cannot say. */
export type Mismatch =
  | { readonly accountId: string; readonly problem: 'balance'; readonly expected: Money; readonly found: Money }
  | {
      readonly accountId: string;
      readonly problem: 'missing-line';
      readonly expected: Money;
      readonly transactionId: string;
      /** The statement's last balance, if it has any line. */
      readonly found: Money | null;
    }
  | { readonly accountId: string; readonly problem: 'not-in-log'; readonly found: Money };

/** An account whose newest posting the service has not consumed yet: lag, not a discrepancy. */
export interface Behind {
  readonly accountId: string;
  readonly transactionId: string;
  readonly partition: number;
  readonly offset: bigint;
  /** Messages of that partition the service's consumer group still has to commit. */
  readonly behindBy: bigint;
}

export interface ReconcileResult {
  readonly accounts: number;
  readonly messages: number;
  readonly undecodable: number;
  readonly mismatches: readonly Mismatch[];
  readonly behind: readonly Behind[];
}

export interface ReconcilerOptions {
  /** How long to wait for the service to consume postings it has not yet (it may be catching up). */
  readonly waitMs: number;
  readonly pollMs?: number;
  readonly progress?: Progress;
}

// the service's consumer of banking.transactions: its committed offsets tell lag from a skipped posting
const TRANSACTIONS_CONSUMER = 'microbank.reporting.reporting-transactions';

/**
 * Checks that every account's statement ends on the balance of its newest TransactionPosted in the log (the account
 * service's balance is the truth). The log is read to the high watermarks taken at the start; the statement line
 * compared is the one that posting made, so postings that arrive during the check change nothing. A posting the
 * service has not consumed yet is waited for (up to `waitMs`), then reported as lag, never as a mismatch; one its
 * consumer group has committed past without a line (dead-lettered, lost) is a missing line.
 */
export class Reconciler {
  constructor(
    private readonly kafka: Kafka,
    private readonly topics: TopicNames,
    private readonly balances: StatementBalancesRepository,
    private readonly options: ReconcilerOptions,
  ) {}

  async run(): Promise<ReconcileResult> {
    const progress = this.options.progress ?? (() => undefined);
    // before the log: every line read now comes from a message below the watermarks the read starts from
    const lastLines = await this.balances.lastLines();
    const log = await readPostingLog(this.kafka, this.topics.of(Topics.transactions), progress);
    const expected = [...log.newest.values()];
    const found = await this.linesByEvent(expected);
    const deadline = Date.now() + this.options.waitMs;
    let waitingFor = 0;
    for (;;) {
      const pending = expected.filter((posting) => !found.has(posting.eventId));
      if (pending.length === 0 || Date.now() >= deadline) break;
      const committed = await this.committedOffsets();
      // the consumer has moved past every posting still without a line: waiting would not bring them
      if (pending.every((p) => (committed.get(p.partition) ?? -1n) > p.offset)) break;
      if (pending.length !== waitingFor) {
        waitingFor = pending.length;
        progress(`waiting for the service to consume the newest posting of ${waitingFor} account(s)`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 500));
      for (const [eventId, line] of await this.linesByEvent(pending)) found.set(eventId, line);
    }
    return this.compare(log, found, lastLines, await this.committedOffsets());
  }

  private async linesByEvent(postings: readonly NewestPosting[]): Promise<Map<string, LineBalance>> {
    const lines = await this.balances.linesOfEvents(postings.map((p) => p.eventId));
    return new Map(lines.map((line) => [line.eventId, line]));
  }

  /** The service's committed offsets on the transactions topic, by partition. */
  private async committedOffsets(): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topic = this.topics.of(Topics.transactions);
      const offsets = await admin.fetchOffsets({ groupId: this.topics.of(TRANSACTIONS_CONSUMER), topics: [topic] });
      const partitions = offsets.find((o) => o.topic === topic)?.partitions ?? [];
      return new Map(partitions.map((p) => [p.partition, BigInt(p.offset)]));
    } finally {
      await admin.disconnect();
    }
  }

  private compare(
    log: PostingLog,
    found: ReadonlyMap<string, LineBalance>,
    lastLines: readonly LineBalance[],
    committed: ReadonlyMap<number, bigint>,
  ): ReconcileResult {
    const last = new Map(lastLines.map((line) => [line.accountId, line]));
    const mismatches: Mismatch[] = [];
    const behind: Behind[] = [];
    for (const posting of log.newest.values()) {
      const expected = money(posting.balanceAfterMinor, posting.currency);
      const line = found.get(posting.eventId);
      if (line) {
        if (line.balanceAfterMinor !== posting.balanceAfterMinor || line.currency !== posting.currency) {
          const foundMoney = money(line.balanceAfterMinor, line.currency);
          mismatches.push({ accountId: posting.accountId, problem: 'balance', expected, found: foundMoney });
        }
        continue;
      }
      const position = committed.get(posting.partition) ?? -1n;
      if (position > posting.offset) {
        const lastLine = last.get(posting.accountId);
        mismatches.push({
          accountId: posting.accountId,
          problem: 'missing-line',
          expected,
          transactionId: posting.transactionId,
          found: lastLine ? money(lastLine.balanceAfterMinor, lastLine.currency) : null,
        });
      } else {
        const high = log.readTo.get(posting.partition) ?? 0n;
        behind.push({
          accountId: posting.accountId,
          transactionId: posting.transactionId,
          partition: posting.partition,
          offset: posting.offset,
          behindBy: position < 0n ? high : high - position,
        });
      }
    }
    for (const line of lastLines) {
      if (!log.newest.has(line.accountId)) {
        const foundMoney = money(line.balanceAfterMinor, line.currency);
        mismatches.push({ accountId: line.accountId, problem: 'not-in-log', found: foundMoney });
      }
    }
    return { accounts: log.newest.size, messages: log.messages, undecodable: log.undecodable, mismatches, behind };
  }
}
