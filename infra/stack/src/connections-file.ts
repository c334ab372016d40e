import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceDatabase } from './postgres';
import type { ServiceName } from './services';
import type { ProfileName, StackConfig } from './stack-config';

/** What services and tests read to reach the running stack (also written to .stack/connections.json). */
export interface StackConnections {
  readonly profile: ProfileName;
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly replicationFactor: number;
    readonly minInsyncReplicas: number;
  };
  readonly zookeeper: { readonly connect: string };
  readonly postgres: PostgresConnections;
}

export interface PostgresConnections {
  readonly adminUrl: string;
  readonly services: Readonly<Record<ServiceName, ServiceDatabase>>;
}

export function connectionsFile(stackDir: string): string {
  return path.join(stackDir, 'connections.json');
}

/** Reads the connections written by the last successful `up`, or undefined when no stack is up. */
export async function readConnections(config: StackConfig): Promise<StackConnections | undefined> {
  const text = await readFile(connectionsFile(config.stackDir), 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as StackConnections) : undefined;
}

export async function writeConnections(stackDir: string, connections: StackConnections): Promise<void> {
  // it holds the database passwords
  await writeFile(connectionsFile(stackDir), `${JSON.stringify(connections, null, 2)}\n`, { mode: 0o600 });
}

export async function removeConnections(stackDir: string): Promise<void> {
  await rm(connectionsFile(stackDir), { force: true });
}
