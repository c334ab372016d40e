import { ConfigError } from '@microbank/config';
import { describe, expect, it } from 'vitest';
import { loadAccountConfig } from './config';

const PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';

describe('the account service configuration', () => {
  it('reads the variables with their defaults', () => {
    const config = loadAccountConfig({
      DATABASE_URL: 'postgresql://account@127.0.0.1:55432/microbank_account',
      KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
      JWT_PUBLIC_KEY: PEM,
    });
    expect(config).toEqual({
      DATABASE_URL: 'postgresql://account@127.0.0.1:55432/microbank_account',
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
      KAFKA_TOPIC_PREFIX: '',
      PORT: 3002,
      HOST: '127.0.0.1',
      JWT_PUBLIC_KEY: PEM,
      TRUSTED_PROXIES: false,
      CORS_ORIGINS: [],
    });
  });

  it('names every missing or invalid variable at once', () => {
    expect(() => loadAccountConfig({ KAFKA_BROKERS: 'nope', JWT_PUBLIC_KEY_FILE: '/does/not/exist.pem' })).toThrow(
      ConfigError,
    );
    expect(() => loadAccountConfig({ KAFKA_BROKERS: 'nope', PORT: 'x' })).toThrow(
      /DATABASE_URL[\s\S]*KAFKA_BROKERS[\s\S]*PORT[\s\S]*JWT_PUBLIC_KEY/,
    );
  });
});
