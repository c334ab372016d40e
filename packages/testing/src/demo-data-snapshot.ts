import net from 'node:net';
import { TOPIC_SPECS } from '@microbank/contracts';
import { SERVICE_PORTS, SERVICES, type ServiceName, type StackConnections } from '@microbank/stack';
import type { DemoDataSnapshot, TableFingerprint } from './demo-data-changes';
import { testKafka, withAdmin } from './kafka';
import { withDatabase, withPgClient } from './pg-client';

/** The end offsets of the business topics and a fingerprint of every table of every service database. */
export async function takeDemoDataSnapshot(stack: StackConnections): Promise<DemoDataSnapshot> {
  const offsets = await withAdmin(testKafka(stack, 'microbank-demo-data-check'), async (admin) => {
    const entries: [string, string][] = [];
    for (const spec of TOPIC_SPECS) {
      for (const { partition, high } of await admin.fetchTopicOffsets(spec.name)) {
        entries.push([`${spec.name}/${partition}`, high]);
      }
    }
    return Object.fromEntries(entries);
  });
  const groups = await withAdmin(testKafka(stack, 'microbank-demo-data-check'), async (admin) => {
    const entries: [string, string][] = [];
    // the demo services' groups are unprefixed; a test consuming under one would make the demo skip events
    const demoGroups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((id) => id.startsWith('microbank.'));
    for (const groupId of demoGroups.sort()) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        for (const { partition, offset } of partitions) entries.push([`${groupId} ${topic}/${partition}`, offset]);
      }
    }
    return Object.fromEntries(entries);
  });
  const tables: Record<string, TableFingerprint> = {};
  for (const { database } of Object.values(stack.postgres.services)) {
    await withPgClient(withDatabase(stack.postgres.adminUrl, database), async (client) => {
      const { rows } = await client.query<{ schemaname: string; tablename: string }>(
        `SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
      );
      for (const { schemaname, tablename } of rows) {
        const table = `${client.escapeIdentifier(schemaname)}.${client.escapeIdentifier(tablename)}`;
        // a digest of the sorted row digests: any insert, update or delete changes it, whatever the physical order
        const { rows: fingerprint } = await client.query<TableFingerprint>(
          `SELECT count(*)::int AS rows,
                  md5(coalesce(string_agg(md5(snapshot_row::text), '' ORDER BY md5(snapshot_row::text)), '')) AS digest
             FROM ${table} AS snapshot_row`,
        );
        tables[`${database}.${schemaname}.${tablename}`] = fingerprint[0]!;
      }
    });
  }
  return { offsets, groups, tables };
}

/** The services `pnpm dev` runs right now (something answers on their local port). */
export async function runningDemoServices(): Promise<ServiceName[]> {
  const answering = await Promise.all(SERVICES.map((service) => answers(SERVICE_PORTS[service])));
  return SERVICES.filter((_, index) => answering[index]);
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', timeout: 1_000 });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
