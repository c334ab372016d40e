#!/usr/bin/env node
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { Topics, deadLetterTopicOf } from '@microbank/contracts';
import { paintFor } from '@microbank/logging';
import { formatEventRecord } from './event-line';
import { headerText } from './kafka-headers';

const USAGE = `Usage: pnpm events tail [topic…] [--from-beginning] [--dead-letters]

Prints events as they go by, one coloured line each: when, topic[partition]@offset, type and version, the
aggregate and correlation ids, and the payload with money written as money.

  topic              banking.transactions, or just transactions; a .dlt topic for its dead letters
                     (default: every business topic)
  --from-beginning   start at the oldest message instead of the next new one
  --dead-letters     with no topic named: the dead-letter topics too

Brokers come from KAFKA_BROKERS (default: the local stack, 127.0.0.1:9092-9094). Ctrl-C stops.`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'from-beginning': { type: 'boolean', default: false },
      'dead-letters': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...named] = positionals;
  if (values.help || command !== 'tail') {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 1;
    return;
  }
  const business = Object.values(Topics) as string[];
  const topics = named.length
    ? named.map(fullTopicName)
    : values['dead-letters']
      ? business.flatMap((topic) => [topic, deadLetterTopicOf(topic)])
      : business;

  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094').split(',');
  const kafka = new Kafka({ clientId: 'microbank-events-tail', brokers, logLevel: logLevel.NOTHING });
  // a group of its own, deleted on the way out: tailing must not move any service's offsets (and, outside the
  // `microbank.` names, is not taken for a service's group by the dashboard)
  const groupId = `events-tail.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const paint = paintFor(process.stdout);
  const stopped = new Promise<string | undefined>((resolve) => {
    process.once('SIGINT', () => resolve(undefined));
    process.once('SIGTERM', () => resolve(undefined));
    // KafkaJS retries what it can by itself; anything else would leave the tail silent forever
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) resolve(payload.error.message);
    });
  });
  const tailing = (async () => {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: values['from-beginning'] });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers = Object.fromEntries(
          Object.keys(message.headers ?? {}).map((name) => [name, headerText(message.headers, name)]),
        );
        const record = { topic, partition, offset: message.offset, value: message.value, headers };
        process.stdout.write(`${formatEventRecord(record, paint)}\n`);
      },
    });
    const from = values['from-beginning'] ? 'from the beginning' : 'from now on';
    process.stderr.write(`tailing ${topics.join(', ')} ${from} as group ${groupId}; Ctrl-C stops\n`);
  })();

  const failure = await Promise.race([stopped, tailing.then(() => stopped)]);
  await consumer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined); // a group left behind expires by itself
  await admin.disconnect();
  if (failure) throw new Error(`the consumer stopped: ${failure}`);
}

// `transactions` and `transactions.dlt` are short for the banking topics; any other name is taken as it is
function fullTopicName(topic: string): string {
  return /^[a-z]+(\.dlt)?$/.test(topic) ? `banking.${topic}` : topic;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pnpm events: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
