import { Kafka, logLevel } from 'kafkajs';
import { parseArgs } from 'node:util';
import type { Money } from '@microbank/contracts';
import { TopicNames } from '@microbank/messaging';
import { connectDatabase } from '@microbank/service-kit';
import { loadReportingCliConfig } from '../config';
import { PrismaService } from '../database/prisma.service';
import { formatMinor } from '../money/money-format';
import { Reconciler, type ReconcileResult } from './reconciler';
import { StatementBalancesRepository } from './statement-balances.repository';

const USAGE = `Usage: pnpm reporting reconcile [--wait-seconds N]

Checks that every account's last statement balance equals the balanceAfter of its newest TransactionPosted in
banking.transactions (read from the earliest offset to the high watermark at the start). Postings the service has
not consumed yet are waited for up to --wait-seconds (default 30), then reported as lag.
Exit status: 0 reconciled, 1 a mismatch or lag, 2 bad usage.
Configuration: DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX; without DATABASE_URL, .stack/env/reporting.env.`;

export interface CliStreams {
  readonly out: { write(text: string): unknown };
  readonly err: { write(text: string): unknown };
}

/** `pnpm reporting reconcile`: prints the result and resolves to the exit status. */
export async function runReconcileCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  streams: CliStreams = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'wait-seconds': { type: 'string', default: '30' }, help: { type: 'boolean', short: 'h' } },
  });
  const waitSeconds = Number(values['wait-seconds']);
  if (values.help || !Number.isInteger(waitSeconds) || waitSeconds < 0) {
    streams.out.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const config = loadReportingCliConfig(env);
  const kafka = new Kafka({
    clientId: 'microbank-reporting-reconcile',
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.ERROR,
  });
  const database = connectDatabase(PrismaService, config.DATABASE_URL);
  try {
    const reconciler = new Reconciler(
      kafka,
      new TopicNames(config.KAFKA_TOPIC_PREFIX),
      new StatementBalancesRepository(database.client),
      { waitMs: waitSeconds * 1_000, progress: (line) => streams.err.write(`${line}\n`) },
    );
    const result = await reconciler.run().catch((error: unknown) => {
      if (isMissingTable(error)) {
        throw new Error('The reporting database has no read models yet: start the service once, it migrates at start.');
      }
      throw error;
    });
    streams.out.write(report(result));
    return result.mismatches.length === 0 && result.behind.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

// Prisma wraps PostgreSQL's 42P01 (undefined table) from the pg adapter this way
function isMissingTable(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } }).meta?.driverAdapterError
    ?.cause;
  return cause?.kind === 'TableDoesNotExist';
}

const amount = (m: Money) => `${formatMinor(BigInt(m.amountMinor), m.currency)} ${m.currency}`;

/** The result as the operator reads it: one line when all is well, one line per problem otherwise. */
export function report(result: ReconcileResult): string {
  const lines: string[] = [];
  for (const m of result.mismatches) {
    switch (m.problem) {
      case 'balance':
        lines.push(`mismatch ${m.accountId}: expected ${amount(m.expected)}, found ${amount(m.found)}`);
        break;
      case 'missing-line':
        lines.push(
          `mismatch ${m.accountId}: expected ${amount(m.expected)}, missing line for transaction ${m.transactionId}` +
            ` (last statement balance ${m.found ? amount(m.found) : 'none'})`,
        );
        break;
      case 'not-in-log':
        lines.push(`mismatch ${m.accountId}: statement ends at ${amount(m.found)}, no TransactionPosted in the log`);
        break;
    }
  }
  for (const b of result.behind) {
    lines.push(
      `behind ${b.accountId}: transaction ${b.transactionId} (partition ${b.partition}, offset ${b.offset}) not` +
        ` consumed yet; the service is behind by ${b.behindBy} message(s) on that partition`,
    );
  }
  if (result.undecodable > 0) lines.push(`note: ${result.undecodable} message(s) were no valid event (dead letters)`);
  if (result.mismatches.length === 0 && result.behind.length === 0) {
    lines.unshift(
      `reconciled ${result.accounts} accounts: every last statement balance equals its newest TransactionPosted`,
    );
  } else {
    lines.unshift(
      `not reconciled: ${result.mismatches.length} mismatch(es), ${result.behind.length} account(s) behind` +
        ` (of ${result.accounts} accounts)`,
    );
  }
  return `${lines.join('\n')}\n`;
}
