import { ConfigError } from '@microbank/config';
import { describe, expect, it } from 'vitest';
import { loadDashboardConfig } from './config';

const PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';
const REQUIRED = {
  KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
  ZOOKEEPER_CONNECT: '127.0.0.1:2181,127.0.0.1:2182/microbank',
  JWT_PUBLIC_KEY: PEM,
};

describe('the dashboard configuration', () => {
  it('reads the cluster and the login URL, with defaults for the rest', () => {
    expect(loadDashboardConfig(REQUIRED)).toEqual({
      PORT: 3007,
      HOST: '127.0.0.1',
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
      KAFKA_TOPIC_PREFIX: '',
      ZOOKEEPER_CONNECT: [
        { host: '127.0.0.1', port: 2181 },
        { host: '127.0.0.1', port: 2182 },
      ],
      JWT_PUBLIC_KEY: PEM,
      DASHBOARD_LOGIN_URL: 'http://127.0.0.1:3001',
      DASHBOARD_CLUSTER_POLL_MS: 1_000,
      DASHBOARD_LAG_SAMPLE_MS: 2_000,
      DASHBOARD_LAG_SAMPLES: 300,
      DASHBOARD_RECENT_ALERTS: 200,
      DASHBOARD_RECENT_EVENTS: 500,
      DASHBOARD_MAX_STREAMS: 100,
      DASHBOARD_HEARTBEAT_MS: 15_000,
    });
  });

  it('reads the public key from JWT_PUBLIC_KEY_FILE as the other services do', () => {
    const withoutInlineKey = { KAFKA_BROKERS: REQUIRED.KAFKA_BROKERS, ZOOKEEPER_CONNECT: REQUIRED.ZOOKEEPER_CONNECT };
    expect(() => loadDashboardConfig({ ...withoutInlineKey, JWT_PUBLIC_KEY_FILE: '/nonexistent/key.pem' })).toThrow(
      /JWT_PUBLIC_KEY: set JWT_PUBLIC_KEY/,
    );
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      loadDashboardConfig({
        ...REQUIRED,
        ZOOKEEPER_CONNECT: 'zk-without-port/microbank',
        DASHBOARD_LOGIN_URL: 'ftp://user-service',
        DASHBOARD_CLUSTER_POLL_MS: '10',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/ZOOKEEPER_CONNECT: 'zk-without-port' is not host:port/);
    expect(attempt).toThrow(/DASHBOARD_LOGIN_URL/);
    expect(attempt).toThrow(/DASHBOARD_CLUSTER_POLL_MS/);
  });
});
