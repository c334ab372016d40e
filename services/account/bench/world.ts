// A database and topics of the bench's own for the account service: `setup` writes /tmp/prof/world.json, `teardown` removes all.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@microbank/contracts';
import { TopicNames } from '@microbank/messaging';
import type { StackConnections } from '@microbank/stack';
import {
  createServiceDatabase,
  createTestTopics,
  deleteGroupsWithPrefix,
  deleteTestTopics,
  freePort,
  testKeys,
} from '@microbank/testing';
import { dropDatabase } from '../../../packages/testing/dist/test-database';

export const WORLD_FILE = process.env.BENCH_WORLD ?? '/tmp/prof/world.json';
const TOPICS = [Topics.signups, Topics.accounts, Topics.transactions];

export interface World {
  id: string;
  prefix: string;
  database: string;
  databaseUrl: string;
  adminUrl: string;
  port: number;
  publicKey: string;
  privateKey: string;
  customers?: { userId: string; token: string; accountId: string; iban: string }[];
}

function stack(): StackConnections {
  const file = process.env.STACK_CONNECTIONS ?? '/work/main/.stack/connections.json';
  return JSON.parse(readFileSync(file, 'utf8')) as StackConnections;
}

function kafkaOf(s: StackConnections): Kafka {
  return new Kafka({ clientId: 'microbank-bench', brokers: [...s.kafka.brokers], logLevel: logLevel.NOTHING });
}

export function readWorld(): World {
  return JSON.parse(readFileSync(WORLD_FILE, 'utf8')) as World;
}

export function writeWorld(world: World): void {
  writeFileSync(WORLD_FILE, JSON.stringify(world, null, 2));
}

async function setup(): Promise<void> {
  const s = stack();
  const id = randomUUID().replaceAll('-', '').slice(0, 10);
  const topics = new TopicNames(`prof.${id}.`);
  await createTestTopics(
    kafkaOf(s),
    s,
    TOPICS.map((t) => topics.of(t)),
  );
  const database = await createServiceDatabase(s, 'account', { name: `prof_${id}` });
  const keys = testKeys();
  writeWorld({
    id,
    prefix: topics.prefix,
    database: database.name,
    databaseUrl: database.url,
    adminUrl: database.adminUrl,
    port: await freePort(),
    ...keys,
  });
  writeFileSync('/tmp/prof/jwt-public.pem', keys.publicKey);
  console.log(`world prof.${id}: database ${database.name}, topics ${topics.prefix}*, port written to ${WORLD_FILE}`);
}

async function teardown(): Promise<void> {
  const s = stack();
  const world = readWorld();
  const kafka = kafkaOf(s);
  await deleteGroupsWithPrefix(kafka, world.prefix);
  await deleteTestTopics(
    kafka,
    TOPICS.map((t) => `${world.prefix}${t}`),
  );
  await dropDatabase(s, world.database);
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
