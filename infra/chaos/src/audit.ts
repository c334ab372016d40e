import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { EventHeaders, headerText } from '@microbank/messaging';
import type { ChaosWorld } from './chaos-world';
import type { LoadGenerator } from './load-generator';

export interface Audit {
  readonly ledgerPostings: number;
  /** Committed outbox rows: every event the service promised. */
  readonly eventsExpected: number;
  /** Distinct event ids found on the topics. */
  readonly eventsOnTopic: number;
  /** Promised events that are not on the topics. */
  readonly eventsLost: number;
  /** Records on the topics beyond the first of each event id (consumers drop them). */
  readonly duplicates: number;
  /** Every rule of the ledger that failed; empty when money was conserved. */
  readonly moneyProblems: readonly string[];
}

/** Compares what the service's database says happened with what is on Kafka and what the clients were told. */
export async function audit(world: ChaosWorld, load: LoadGenerator): Promise<Audit> {
  const outbox = await world.db.query<{ event_id: string }>('SELECT event_id::text FROM outbox_event');
  const expected = new Set(outbox.rows.map((row) => row.event_id));
  const records = await readEventIds(world.kafka, world.publishedTopics);
  const onTopic = new Set(records);
  const lost = [...expected].filter((id) => !onTopic.has(id)).length;
  const [postings] = (await world.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_transaction')).rows;
  return {
    ledgerPostings: postings!.n,
    eventsExpected: expected.size,
    eventsOnTopic: onTopic.size,
    eventsLost: lost + (await eventsNeverWritten(world)),
    duplicates: records.length - onTopic.size,
    moneyProblems: await moneyProblems(world, load),
  };
}

// every customer-side ledger entry is announced by one TransactionPosted; a missing outbox row is a lost event too
async function eventsNeverWritten(world: ChaosWorld): Promise<number> {
  const { rows } = await world.db.query<{ missing: number }>(
    `SELECT (SELECT count(*) FROM ledger_entry e JOIN account a ON a.id = e.account_id WHERE a.kind <> 'clearing')
          - (SELECT count(*) FROM outbox_event WHERE event_type = 'TransactionPosted') AS missing`,
  );
  return Math.max(0, Number(rows[0]!.missing));
}

async function moneyProblems(world: ChaosWorld, load: LoadGenerator): Promise<string[]> {
  const problems: string[] = [];
  const check = async (rule: string, sql: string) => {
    const { rows } = await world.db.query<{ n: string }>(sql);
    if (Number(rows[0]!.n) !== 0) problems.push(`${rule} (${rows[0]!.n})`);
  };
  await check(
    'the bank-wide balance of a currency is not zero',
    'SELECT count(*) AS n FROM (SELECT currency FROM account GROUP BY currency HAVING sum(balance_minor) <> 0) c',
  );
  await check(
    'a posting whose debits and credits differ',
    `SELECT count(*) AS n FROM (SELECT transaction_id FROM ledger_entry GROUP BY transaction_id
       HAVING sum(CASE direction WHEN 'credit' THEN amount_minor ELSE -amount_minor END) <> 0) t`,
  );
  await check(
    'an account whose balance is not the sum of its entries',
    `SELECT count(*) AS n FROM account a
      WHERE a.balance_minor <> COALESCE((SELECT sum(CASE direction WHEN 'credit' THEN amount_minor ELSE -amount_minor END)
                                          FROM ledger_entry e WHERE e.account_id = a.id), 0)`,
  );
  await check(
    'a customer balance below zero',
    `SELECT count(*) AS n FROM account WHERE kind <> 'clearing' AND balance_minor < 0`,
  );
  // each idempotency key moves money at most once: one completed key per posting
  await check(
    'postings without exactly one completed Idempotency-Key',
    `SELECT (SELECT count(*) FROM ledger_transaction) - (SELECT count(*) FROM idempotency_key WHERE state = 'completed') AS n`,
  );
  const confirmed = [...load.confirmed];
  const { rows: found } = await world.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM ledger_transaction WHERE id = ANY($1::uuid[])',
    [confirmed],
  );
  if (found[0]!.n !== confirmed.length) {
    problems.push(`a posting confirmed to a client is missing (${confirmed.length - found[0]!.n})`);
  }
  if (load.snapshot.unknown === 0) {
    // with every request answered for good, the customers hold exactly what the clients were told
    const { rows } = await world.db.query<{ total: string }>(
      `SELECT COALESCE(sum(balance_minor), 0)::text AS total FROM account WHERE kind <> 'clearing'`,
    );
    if (BigInt(rows[0]!.total) !== load.confirmedNetDeposits) {
      problems.push(`customers hold ${rows[0]!.total}, the clients were told ${load.confirmedNetDeposits}`);
    }
  }
  return problems;
}

/** The event id of every record now on `topics`, read from the beginning to the end (duplicates included). */
async function readEventIds(kafka: Kafka, topics: readonly string[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `chaos.audit.${randomUUID()}`;
  try {
    const remaining = new Map<string, bigint>();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(p.high) > BigInt(p.low)) remaining.set(`${topic}/${p.partition}`, BigInt(p.high));
      }
    }
    const ids: string[] = [];
    if (remaining.size === 0) return ids;
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      const seen = new Set<string>();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`reading ${topics.join(', ')} took over 2 minutes`)), 120_000);
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        void consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const where = `${topic}/${partition}`;
              const end = remaining.get(where);
              // a rebalance may hand a record over twice: count each log position once
              if (end === undefined || seen.has(`${where}/${message.offset}`)) return;
              seen.add(`${where}/${message.offset}`);
              ids.push(headerText(message.headers, EventHeaders.eventId) ?? `no-id ${where}/${message.offset}`);
              if (BigInt(message.offset) + 1n >= end) remaining.delete(where);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return ids;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
