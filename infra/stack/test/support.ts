import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import {
  PROFILE_DEFINITIONS,
  Stack,
  loadStackConfig,
  readConnections,
  type Profile,
  type StackConnections,
} from '../src';

export interface RunningStack {
  readonly connections: StackConnections;
  readonly stack: Stack;
  readonly profile: Profile;
  readonly kafka: Kafka;
}

/** The stack the run's global setup brought up (these tests sit below @microbank/testing, so they read it directly). */
export async function runningStack(): Promise<RunningStack> {
  const connections = await readConnections(loadStackConfig());
  if (!connections) throw new Error('No stack is up: run these tests with `pnpm test`.');
  return {
    connections,
    stack: new Stack(loadStackConfig(process.env, { profile: connections.profile })),
    profile: PROFILE_DEFINITIONS[connections.profile],
    kafka: new Kafka({ clientId: 'stack-test', brokers: [...connections.kafka.brokers], logLevel: logLevel.NOTHING }),
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 8)}`;
}

export async function withTestAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
