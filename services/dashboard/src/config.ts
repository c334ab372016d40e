import { brokerList, parseEnv, pemFrom, port } from '@microbank/config';
import { z } from 'zod';
import { parseZooKeeperConnect } from './cluster/zookeeper-srvr';

const millis = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);
const count = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const dashboardEnvSchema = z.object({
  PORT: port(3007),
  // loopback by default; a container listens on 0.0.0.0 so the compose network and its published port reach it
  HOST: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
  KAFKA_BROKERS: brokerList,
  // tests set one so the dashboard reads topics and consumer groups of their own
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'letters, digits, dots, dashes and underscores')
    .default(''),
  /** The ensemble as Kafka's zookeeper.connect names it (`host:port,host:port/chroot`); its leader comes from `srvr`. */
  ZOOKEEPER_CONNECT: z
    .string({ error: 'set ZOOKEEPER_CONNECT (host:port,host:port[/chroot])' })
    .transform((value, ctx) => {
      try {
        return parseZooKeeperConnect(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  JWT_PUBLIC_KEY: z
    .string({ error: 'set JWT_PUBLIC_KEY (an Ed25519 SPKI PEM) or JWT_PUBLIC_KEY_FILE (its path)' })
    .includes('BEGIN PUBLIC KEY', { error: 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)' }),
  /** Where the browser logs in: the user service's public base URL (it must allow the dashboard's origin). */
  DASHBOARD_LOGIN_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3001'),
  /** How often the cluster (brokers, controller, ZooKeeper leader, partitions) is read again. */
  DASHBOARD_CLUSTER_POLL_MS: millis(250, 1_000),
  /** How often consumer-group lag is sampled, and how many samples the lag chart keeps. */
  DASHBOARD_LAG_SAMPLE_MS: millis(250, 2_000),
  DASHBOARD_LAG_SAMPLES: count(10_000, 300),
  /** How many recent alerts and events a (re)connecting browser is sent first. */
  DASHBOARD_RECENT_ALERTS: count(10_000, 200),
  DASHBOARD_RECENT_EVENTS: count(10_000, 500),
  /** How many streams (SSE) may be open at once, and a comment line on each this often so proxies keep them. */
  DASHBOARD_MAX_STREAMS: count(10_000, 100),
  DASHBOARD_HEARTBEAT_MS: millis(100, 15_000),
});

export type DashboardConfig = z.infer<typeof dashboardEnvSchema>;

/** The dashboard's configuration, read once at start; throws a ConfigError naming every bad variable. */
export function loadDashboardConfig(env: NodeJS.ProcessEnv = process.env): DashboardConfig {
  let publicKey: string | undefined;
  try {
    publicKey = pemFrom(env, 'JWT_PUBLIC_KEY');
  } catch {
    publicKey = undefined; // an unreadable key file is reported as a missing key, beside any other problem
  }
  return parseEnv(dashboardEnvSchema, { ...env, JWT_PUBLIC_KEY: publicKey });
}
