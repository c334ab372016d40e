import { describe, expect, it } from 'vitest';
import { KafkaJSConnectionError, KafkaJSProtocolError } from 'kafkajs';
import { isDatabaseConnectionError } from './outbox-relay';

describe('isDatabaseConnectionError', () => {
  it('recognises a lost PostgreSQL session, which also lost the relay lock', () => {
    expect(isDatabaseConnectionError(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseConnectionError(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
    expect(isDatabaseConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves Kafka failures alone, whatever their code', () => {
    const notEnoughReplicas = new KafkaJSProtocolError(
      'Messages are rejected since there are fewer in-sync replicas than required',
    );
    expect(isDatabaseConnectionError(Object.assign(notEnoughReplicas, { code: 19 }))).toBe(false);
    const brokerDown = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    expect(isDatabaseConnectionError(brokerDown)).toBe(false);
  });
});
