import { ConfigError } from '@microbank/config';
import { describe, expect, it } from 'vitest';
import { loadFraudConfig } from './config';

const PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';
const REQUIRED = {
  DATABASE_URL: 'postgresql://fraud@127.0.0.1:55432/microbank_fraud',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_PUBLIC_KEY: PEM,
};

describe('the fraud service configuration', () => {
  it('reads the thresholds with their defaults, money in minor units per currency', () => {
    const config = loadFraudConfig(REQUIRED);
    expect(config).toMatchObject({
      PORT: 3004,
      FRAUD_VELOCITY_MAX: 10,
      FRAUD_VELOCITY_MINUTES: 10,
      FRAUD_CARD_TESTING_COUNT: 4,
      FRAUD_TRAVEL_MAX_KMH: 1_000,
      FRAUD_DRAIN_PERCENT: 80,
      FRAUD_STRUCTURING_COUNT: 3,
      FRAUD_MAX_STREAMS: 100,
      FRAUD_MAX_STREAMS_PER_USER: 5,
      FRAUD_STREAM_HEARTBEAT_MS: 15_000,
    });
    expect(config.FRAUD_LARGE_AMOUNT.GBP).toBe(500_000n);
    expect(config.FRAUD_LARGE_AMOUNT.JPY).toBe(800_000n);
    expect(config.FRAUD_REPORTING_THRESHOLD.EUR).toBe(1_000_000n);
  });

  it('overrides one currency and keeps the others', () => {
    const config = loadFraudConfig({ ...REQUIRED, FRAUD_LARGE_AMOUNT: 'GBP:3000' });
    expect(config.FRAUD_LARGE_AMOUNT.GBP).toBe(300_000n);
    expect(config.FRAUD_LARGE_AMOUNT.EUR).toBe(500_000n);
  });

  it('names every bad variable', () => {
    expect(() => loadFraudConfig({ ...REQUIRED, FRAUD_LARGE_AMOUNT: 'GBP=3000' })).toThrow(/FRAUD_LARGE_AMOUNT/);
    expect(() => loadFraudConfig({ ...REQUIRED, FRAUD_DRAIN_PERCENT: '120' })).toThrow(ConfigError);
    expect(() => loadFraudConfig({ ...REQUIRED, FRAUD_CARD_TESTING_COUNT: '1' })).toThrow(/FRAUD_CARD_TESTING_COUNT/);
  });
});
