import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@microbank/config';
import { describe, expect, it } from 'vitest';
import { loadReportingCliConfig, loadReportingConfig } from './config';

const PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';

function stackDirWith(envFile: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'reporting-config-'));
  mkdirSync(path.join(dir, 'env'));
  writeFileSync(path.join(dir, 'env', 'reporting.env'), envFile);
  return dir;
}

describe('the reporting service configuration', () => {
  it('listens on 3005 unless told otherwise', () => {
    const config = loadReportingConfig({
      DATABASE_URL: 'postgresql://reporting@127.0.0.1:55432/microbank_reporting',
      KAFKA_BROKERS: '127.0.0.1:9092',
      JWT_PUBLIC_KEY: PEM,
    });
    expect(config.PORT).toBe(3005);
  });
});

describe('the command-line configuration', () => {
  it('takes the database and brokers from the environment, with no token key', () => {
    const config = loadReportingCliConfig({
      DATABASE_URL: 'postgresql://reporting@db.internal:5432/reporting',
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      KAFKA_TOPIC_PREFIX: 'staging.',
    });
    expect(config).toEqual({
      DATABASE_URL: 'postgresql://reporting@db.internal:5432/reporting',
      KAFKA_BROKERS: ['k1:9092', 'k2:9092'],
      KAFKA_TOPIC_PREFIX: 'staging.',
    });
  });

  it("reads the local stack's env file when DATABASE_URL is unset, the environment winning", () => {
    const dir = stackDirWith(
      'DATABASE_URL=postgresql://microbank_reporting:pw@127.0.0.1:55432/microbank_reporting\nKAFKA_BROKERS=127.0.0.1:9092\nPORT=3005\n',
    );
    const config = loadReportingCliConfig({ MICROBANK_STACK_DIR: dir, KAFKA_BROKERS: '10.0.0.1:9092' });
    expect(config.DATABASE_URL).toBe('postgresql://microbank_reporting:pw@127.0.0.1:55432/microbank_reporting');
    expect(config.KAFKA_BROKERS).toEqual(['10.0.0.1:9092']);
    expect(config.KAFKA_TOPIC_PREFIX).toBe('');
  });

  it('names what is missing when there is neither an environment nor a stack', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reporting-config-'));
    expect(() => loadReportingCliConfig({ MICROBANK_STACK_DIR: dir })).toThrow(ConfigError);
    expect(() => loadReportingCliConfig({ MICROBANK_STACK_DIR: dir })).toThrow(/DATABASE_URL/);
  });
});
