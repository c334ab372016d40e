import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, brokerList, parseEnv, port } from './parse-env';

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
