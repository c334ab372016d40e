#!/usr/bin/env node
import { createPrivateKey, createPublicKey } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { loadEnvFile } from '@microbank/config';
import { AUDIT_CHECKPOINTS_TOPIC } from '@microbank/contracts';
import { TopicNames } from '@microbank/messaging';
import { loadVerifyConfig } from './config';
import { verifyAuditChain } from './verify/chain-verifier';
import { describeOutcome } from './verify/verify-outcome';

const USAGE = `Usage: pnpm run audit verify

Walks the audit chain and the signed checkpoints; prints "N records, chain intact, last checkpoint S" (exit 0)
or the first bad record or checkpoint (exit 1). ('pnpm audit' is pnpm's own dependency audit: say 'run'.)

Settings: the audit service's environment (DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, and AUDIT_VERIFY_KEY or
AUDIT_SIGNING_KEY, each also as <NAME>_FILE). Without DATABASE_URL they come from the running stack's
.stack/env/audit.env (MICROBANK_STACK_DIR moves it).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  if (values.help || command !== 'verify') {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (process.env.DATABASE_URL === undefined) {
    const stackDir = process.env.MICROBANK_STACK_DIR ?? path.resolve(__dirname, '..', '..', '..', '.stack');
    const file = path.join(stackDir, 'env', 'audit.env');
    if (!loadEnvFile(file)) throw new Error(`DATABASE_URL is not set and ${file} is missing: is the stack up?`);
  }
  const config = loadVerifyConfig();
  const publicKey = config.AUDIT_VERIFY_KEY
    ? createPublicKey(config.AUDIT_VERIFY_KEY)
    : createPublicKey(createPrivateKey(config.AUDIT_SIGNING_KEY!));
  const kafka = new Kafka({
    clientId: 'microbank-audit-verify',
    brokers: config.KAFKA_BROKERS,
    logLevel: logLevel.ERROR,
  });
  const outcome = await verifyAuditChain({
    databaseUrl: config.DATABASE_URL,
    kafka,
    checkpointsTopic: new TopicNames(config.KAFKA_TOPIC_PREFIX).of(AUDIT_CHECKPOINTS_TOPIC),
    publicKey,
    onProgress: (records, perSecond) =>
      console.error(`… ${records} records verified (${Math.round(perSecond)} records/s)`),
  });
  console.log(describeOutcome(outcome));
  console.error(
    `verified ${outcome.records} records in ${outcome.seconds.toFixed(2)} s (${Math.round(outcome.records / Math.max(outcome.seconds, 1e-3))} records/s)`,
  );
  return outcome.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { code, message } = error as { code?: string; message: string };
    console.error(
      code === '42P01'
        ? 'The audit database has no audit_record table: the audit service has not run here yet.'
        : message,
    );
    process.exitCode = 2;
  },
);
