import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, brokerList, originList, parseEnv, port } from './parse-env';

const schema = z.object({ KAFKA_BROKERS: brokerList, PORT: port(3000) });

describe('parseEnv', () => {
  it('returns typed values with defaults', () => {
    expect(parseEnv(schema, { KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' })).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:9092', '127.0.0.1:9093'],
      PORT: 3000,
    });
  });

  it('reports every invalid variable at once', () => {
    try {
      parseEnv(schema, { KAFKA_BROKERS: 'no-port', PORT: 'eighty' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(2);
      expect((error as ConfigError).message).toMatch(/KAFKA_BROKERS/);
      expect((error as ConfigError).message).toMatch(/PORT/);
    }
  });
});

describe('originList', () => {
  const schema = z.object({ CORS_ORIGINS: originList });

  it('reads a comma-separated list of origins, empty when unset', () => {
    expect(parseEnv(schema, { CORS_ORIGINS: 'http://127.0.0.1:3007, https://bank.example' }).CORS_ORIGINS).toEqual([
      'http://127.0.0.1:3007',
      'https://bank.example',
    ]);
    expect(parseEnv(schema, {}).CORS_ORIGINS).toEqual([]);
  });

  it('refuses a URL with a path, which a browser never sends as its origin', () => {
    expect(() => parseEnv(schema, { CORS_ORIGINS: 'http://127.0.0.1:3007/' })).toThrow(/an origin/);
  });
});
