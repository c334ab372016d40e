#!/usr/bin/env node
import { Kafka, logLevel } from 'kafkajs';
import { parseArgs } from 'node:util';
import { deadLetterTopicOf } from '@microbank/contracts';
import { listDeadLetters, redriveDeadLetters, type DeadLetter } from './dead-letters';

const USAGE = `Usage: pnpm dlq <command> <topic> [options]

Commands:
  list <topic>                         show the dead letters of a topic (banking.signups or banking.signups.dlt)
  redrive <topic> [--event-id ID ...]  publish dead letters back to their original topic (all, or only these events)

Brokers come from KAFKA_BROKERS (default: the local stack, 127.0.0.1:9092-9094).`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'event-id': { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, topic] = positionals;
  if (values.help || !command || !topic) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 1;
    return;
  }
  const deadLetterTopic = topic.endsWith('.dlt') ? topic : deadLetterTopicOf(topic);
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094').split(',');
  const kafka = new Kafka({ clientId: 'microbank-dlq', brokers, logLevel: logLevel.ERROR });
  const letters = await listDeadLetters(kafka, deadLetterTopic);

  switch (command) {
    case 'list':
      print(deadLetterTopic, letters);
      return;
    case 'redrive': {
      const wanted = values['event-id'];
      const chosen = wanted ? letters.filter((l) => l.eventId !== undefined && wanted.includes(l.eventId)) : letters;
      const missing = (wanted ?? []).filter((id) => !letters.some((l) => l.eventId === id));
      if (missing.length) throw new Error(`not in ${deadLetterTopic}: ${missing.join(', ')}`);
      const stored = await redriveDeadLetters(kafka, chosen);
      for (const [i, where] of stored.entries()) {
        console.log(`  ${chosen[i]!.eventId ?? '(no event id)'} → ${where.topic} ${where.partition}:${where.offset}`);
      }
      console.log(`re-drove ${stored.length} of ${letters.length} dead letters from ${deadLetterTopic}`);
      return;
    }
    default:
      throw new Error(`unknown command '${command}'\n\n${USAGE}`);
  }
}

function print(topic: string, letters: readonly DeadLetter[]): void {
  if (letters.length === 0) {
    console.log(`${topic} is empty.`);
    return;
  }
  console.log(`${letters.length} dead letter(s) in ${topic}:`);
  for (const l of letters) {
    console.log(
      `\n  ${l.partition}:${l.offset}  event ${l.eventId ?? '(no event id)'}  from ${l.originalTopic ?? '?'}` +
        `\n    ${l.reason ?? '?'} after ${l.attempts ?? '?'} attempt(s) at ${l.failedAt ?? '?'}` +
        `\n    ${l.error ?? ''}`,
    );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
