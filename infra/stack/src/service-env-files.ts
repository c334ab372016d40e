import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StackConnections } from './connections-file';
import { ensureAuditSigningKey } from './audit-keys';
import { ensureCardKeys } from './card-keys';
import { ensureJwtKeys } from './jwt-keys';
import { SERVICE_PORTS } from './services';

/** Writes .stack/env/<app>.env, the settings `pnpm dev` runs each service and the dashboard with. */
export async function writeServiceEnvFiles(stackDir: string, connections: StackConnections): Promise<void> {
  const keys = await ensureJwtKeys(path.join(stackDir, 'keys'));
  const cardKeys = await ensureCardKeys(path.join(stackDir, 'keys'));
  const auditSigningKeyFile = await ensureAuditSigningKey(path.join(stackDir, 'keys'));
  const envDir = path.join(stackDir, 'env');
  await mkdir(envDir, { recursive: true });
  for (const db of Object.values(connections.postgres.services)) {
    const lines = [
      `DATABASE_URL=${db.url}`,
      `KAFKA_BROKERS=${connections.kafka.brokers.join(',')}`,
      `PORT=${SERVICE_PORTS[db.service]}`,
      `JWT_PUBLIC_KEY_FILE=${keys.publicKeyFile}`,
      // only the user service signs tokens, so only it gets the private key and the first analyst
      ...(db.service === 'user'
        ? [
            `JWT_PRIVATE_KEY_FILE=${keys.privateKeyFile}`,
            'ANALYST_EMAIL=analyst@microbank.local',
            `ANALYST_PASSWORD=${keys.analystPassword}`,
            // the demo's traffic (`pnpm simulate`) signs everyone up from one address
            'SIGNUPS_PER_ADDRESS=1000',
            // analysts log in from the dashboard's page
            `CORS_ORIGINS=http://127.0.0.1:${SERVICE_PORTS.dashboard},http://localhost:${SERVICE_PORTS.dashboard}`,
          ]
        : []),
      ...(db.service === 'card'
        ? [
            `CARD_PAN_KEY=${cardKeys.panKey}`,
            `CARD_CVC_KEY=${cardKeys.cvcKey}`,
            `CARD_NETWORK_KEY=${cardKeys.networkKey}`,
          ]
        : []),
      // signs the audit checkpoints; `pnpm run audit verify` derives the public key from it
      ...(db.service === 'audit' ? [`AUDIT_SIGNING_KEY_FILE=${auditSigningKeyFile}`] : []),
    ];
    await writeFile(path.join(envDir, `${db.service}.env`), `${lines.join('\n')}\n`, { mode: 0o600 });
  }
  // the dashboard has no database: it reads Kafka and ZooKeeper, and analysts log in at the user service
  const dashboard = [
    `KAFKA_BROKERS=${connections.kafka.brokers.join(',')}`,
    `ZOOKEEPER_CONNECT=${connections.zookeeper.connect}`,
    `PORT=${SERVICE_PORTS.dashboard}`,
    `JWT_PUBLIC_KEY_FILE=${keys.publicKeyFile}`,
    `DASHBOARD_LOGIN_URL=http://127.0.0.1:${SERVICE_PORTS.user}`,
  ];
  await writeFile(path.join(envDir, 'dashboard.env'), `${dashboard.join('\n')}\n`, { mode: 0o600 });
}
