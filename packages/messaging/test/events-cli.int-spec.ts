import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics, TransactionPostedV2, createEvent, deadLetterTopicOf } from '@microbank/contracts';
import {
  createTestTopics,
  deleteTestTopics,
  stackConnections,
  testKafka,
  uniqueName,
  waitFor,
  withAdmin,
} from '@microbank/testing';
import { DeadLetterHeaders } from '../src';

const CLI = path.join(__dirname, '..', 'dist', 'events-cli.js');

describe('pnpm events tail', () => {
  let kafka: Kafka;
  let transactions: string;
  let tail: ChildProcess | undefined;
  const lines: string[] = [];
  let stderr = '';

  beforeAll(async () => {
    const stack = await stackConnections();
    kafka = testKafka(stack);
    transactions = `${uniqueName('test')}.${Topics.transactions}`;
    await createTestTopics(kafka, stack, [transactions]);
    const posted = createEvent(
      TransactionPostedV2,
      TransactionPostedV2.example.accountId,
      {
        ...TransactionPostedV2.example,
        amount: { amountMinor: '1299', currency: 'GBP' },
        balanceAfter: { amountMinor: '500000', currency: 'JPY' },
      },
      { source: 'account', correlationId: 'corr-tail-test' },
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: transactions, acks: -1, messages: [{ value: JSON.stringify(posted) }] });
    await producer.send({
      topic: deadLetterTopicOf(transactions),
      acks: -1,
      messages: [{ value: JSON.stringify(posted), headers: { [DeadLetterHeaders.reason]: 'rejected' } }],
    });
    await producer.send({ topic: transactions, acks: -1, messages: [{ value: 'not json' }] });
    await producer.disconnect();

    tail = spawn(process.execPath, [CLI, 'tail', transactions, deadLetterTopicOf(transactions), '--from-beginning'], {
      env: { ...process.env, KAFKA_BROKERS: stack.kafka.brokers.join(','), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    tail.stdout!.on('data', (chunk: Buffer) => {
      const complete = (partial + chunk.toString('utf8')).split('\n');
      partial = complete.pop() ?? ''; // a line split across chunks waits for its end
      lines.push(...complete.filter(Boolean));
    });
    tail.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await waitFor(() => lines.length >= 3, { timeoutMs: 60_000, what: 'three tailed records' });
  });

  afterAll(async () => {
    tail?.kill('SIGKILL');
    if (kafka) await deleteTestTopics(kafka, [transactions]);
  });

  it('prints an event with its type, version, ids and money written as money', () => {
    const line = lines.find((l) => l.includes(`${transactions}[`) && l.includes('TransactionPosted v2'));
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} /);
    expect(line).toContain('aggregate 0b6f1a8e…');
    expect(line).toContain('correlation corr-tail-test');
    expect(line).toContain('"amount":"12.99 GBP"');
    expect(line).toContain('"balanceAfter":"500000 JPY"');
  });

  it('marks a dead letter with its reason', () => {
    const line = lines.find((l) => l.includes(`${deadLetterTopicOf(transactions)}[`));
    expect(line).toContain('TransactionPosted v2  dead letter (rejected)');
  });

  it('says so for a record that is not a Microbank event', () => {
    expect(lines.some((l) => l.includes('not a Microbank event not json'))).toBe(true);
  });

  it('deletes its own consumer group when stopped', async () => {
    const groupId = /as group (\S+);/.exec(stderr)?.[1];
    expect(groupId).toMatch(/^events-tail\./);
    const exited = new Promise<number | null>((resolve) => tail!.once('exit', resolve));
    tail!.kill('SIGINT');
    expect(await exited).toBe(0);
    const left = await withAdmin(kafka, async (admin) =>
      (await admin.listGroups()).groups.filter((g) => g.groupId === groupId),
    );
    expect(left).toEqual([]);
  });
});
