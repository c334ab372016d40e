import { describe, expect, it } from 'vitest';
import { Stack } from './stack';
import { StackError, loadStackConfig } from './stack-config';

const external = {
  MICROBANK_KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094',
  MICROBANK_POSTGRES_ADMIN_URL: 'postgresql://postgres:microbank@127.0.0.1:55432/postgres',
};

describe('the stack configuration', () => {
  it('runs everything locally by default, as the full profile', () => {
    const config = loadStackConfig({});

    expect(config.profile).toBe('full');
    expect(config.externalKafka).toBeUndefined();
    expect(config.postgresAdminUrl).toBeUndefined();
  });

  it('manages no JVM or database process when Kafka and PostgreSQL are external (docker compose)', async () => {
    const stack = new Stack(loadStackConfig(external));

    expect(await stack.processes()).toEqual([]);
    expect(stack.brokerAddresses).toEqual(['127.0.0.1:9092', '127.0.0.1:9093', '127.0.0.1:9094']);
  });

  it('names every invalid variable in one error', () => {
    expect(() => loadStackConfig({ MICROBANK_PROFILE: 'huge', MICROBANK_KAFKA_BROKERS: 'localhost' })).toThrow(
      StackError,
    );
    expect(() => loadStackConfig({ MICROBANK_PROFILE: 'huge', MICROBANK_KAFKA_BROKERS: 'localhost' })).toThrow(
      /MICROBANK_PROFILE.*MICROBANK_KAFKA_BROKERS/,
    );
  });
});
