// A database and topics of the bench's own for the account service: `setup` writes /tmp/prof/world.json, `teardown` removes all.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Topics } from '@microbank/contracts';
import { TopicNames } from '@microbank/messaging';
import type { StackConnections } from '@microbank/stack';
import {
  createServiceDatabase,
  createTestTopics,
  deleteGroupsWithPrefix,
  deleteTestTopics,
  dropDatabase,
  freePort,
  stackConnections,
  testKafka,
  testKeys,
} from '@microbank/testing';

export const WORLD_FILE = process.env.BENCH_WORLD ?? '/tmp/prof/world.json';
// every topic the account service reads or writes: it will not start without them
const TOPICS = [Topics.signups, Topics.accounts, Topics.transactions, Topics.cards, Topics.alerts];

export interface World {
  id: string;
  prefix: string;
  database: string;
  databaseUrl: string;
  adminUrl: string;
  port: number;
  brokers: string[];
  publicKey: string;
  privateKey: string;
  customers?: { userId: string; token: string; accountId: string; iban: string }[];
}

export function readWorld(): World {
  return JSON.parse(readFileSync(WORLD_FILE, 'utf8')) as World;
}

export function writeWorld(world: World): void {
  writeFileSync(WORLD_FILE, JSON.stringify(world, null, 2));
}

/** A database (owned by the account service's role), topics, signing keys and a free port, all of the bench's own. */
export async function createWorld(s: StackConnections): Promise<World> {
  const id = randomUUID().replaceAll('-', '').slice(0, 10);
  const topics = new TopicNames(`prof.${id}.`);
  await createTestTopics(
    testKafka(s, 'microbank-bench'),
    s,
    TOPICS.map((t) => topics.of(t)),
  );
  const database = await createServiceDatabase(s, 'account', { name: `prof_${id}` });
  return {
    id,
    prefix: topics.prefix,
    database: database.name,
    databaseUrl: database.url,
    adminUrl: database.adminUrl,
    port: await freePort(),
    brokers: [...s.kafka.brokers],
    ...testKeys(),
  };
}

/** Drops the world's database and deletes its topics and consumer groups. */
export async function removeWorld(s: StackConnections, world: World): Promise<void> {
  const kafka = testKafka(s, 'microbank-bench');
  await deleteGroupsWithPrefix(kafka, world.prefix);
  await deleteTestTopics(
    kafka,
    TOPICS.map((t) => `${world.prefix}${t}`),
  );
  await dropDatabase(s, world.database);
}

async function setup(): Promise<void> {
  const world = await createWorld(await stackConnections());
  writeWorld(world);
  writeFileSync('/tmp/prof/jwt-public.pem', world.publicKey);
  console.log(`world ${world.prefix}: database ${world.database}, port written to ${WORLD_FILE}`);
}

async function teardown(): Promise<void> {
  const world = readWorld();
  await removeWorld(await stackConnections(), world);
  console.log(`removed database ${world.database}, topics and groups ${world.prefix}*`);
}

if (require.main === module) {
  const command = process.argv[2];
  const run = command === 'setup' ? setup : command === 'teardown' ? teardown : undefined;
  if (!run) throw new Error('usage: world.ts setup|teardown');
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
