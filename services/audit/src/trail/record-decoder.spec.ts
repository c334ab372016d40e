import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { decodeRecord, printable } from './record-decoder';

const EVENT = {
  eventId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  type: 'AccountOpened',
  version: 1,
  occurredAt: '2026-05-01T11:30:00.123+02:00',
  source: 'account',
  aggregateId: 'acc-1',
  correlationId: 'corr-1',
  causationId: null,
  payload: { accountId: 'acc-1', nested: { b: 2, a: 1 } },
};

function message(value: Buffer | null, headers: KafkaMessage['headers'] = {}): KafkaMessage {
  return {
    key: Buffer.from('acc-1'),
    value,
    offset: '42',
    timestamp: String(Date.parse('2026-05-01T09:30:01.000Z')),
    attributes: 0,
    headers,
  };
}

describe('reading a Kafka record for the trail', () => {
  it('splits an event envelope into its fields, its time in UTC milliseconds', () => {
    const record = decodeRecord('banking.accounts', 2, message(Buffer.from(JSON.stringify(EVENT))));

    expect(record).toMatchObject({
      topic: 'banking.accounts',
      partition: 2,
      offset: '42',
      kafkaTimestamp: '2026-05-01T09:30:01.000Z',
      key: 'acc-1',
      eventId: EVENT.eventId,
      eventType: 'AccountOpened',
      eventVersion: 1,
      source: 'account',
      aggregateId: 'acc-1',
      correlationId: 'corr-1',
      causationId: null,
      occurredAt: '2026-05-01T09:30:00.123Z',
      payload: EVENT.payload,
      rawValue: null,
    });
  });

  it('keeps a dead letter whole, with the headers that say why it failed', () => {
    const value = Buffer.from(JSON.stringify({ ...EVENT, version: 99 }));
    const record = decodeRecord(
      'banking.accounts.dlt',
      0,
      message(value, { 'dlt-reason': Buffer.from('unknown-version'), 'dlt-attempts': Buffer.from('1') }),
    );

    expect(record.headers).toEqual({ 'dlt-reason': 'unknown-version', 'dlt-attempts': '1' });
    expect(record.eventType).toBe('AccountOpened');
  });

  it('keeps a value that is not an envelope as text, and bytes that are not text as base64', () => {
    expect(decodeRecord('t', 0, message(Buffer.from('not json {'))).rawValue).toBe('not json {');
    expect(decodeRecord('t', 0, message(Buffer.from('{"a":1}')))).toMatchObject({ rawValue: '{"a":1}', eventId: null });
    expect(decodeRecord('t', 0, message(Buffer.from([0xff, 0x00, 0x01]))).rawValue).toBe('base64:/wAB');
    expect(decodeRecord('t', 0, message(null))).toMatchObject({ rawValue: null, payload: null, eventId: null });
  });

  it('keeps an envelope PostgreSQL or the chain could not store as it is (NUL, lone surrogate, 1e400) as text', () => {
    for (const value of [
      JSON.stringify({ ...EVENT, payload: { note: 'a\u0000b' } }),
      JSON.stringify({ ...EVENT, payload: { note: '\ud800' } }),
      JSON.stringify({ ...EVENT, payload: { n: 1 } }).replace('"n":1', '"n":1e400'),
    ]) {
      expect(decodeRecord('t', 0, message(Buffer.from(value))), value).toMatchObject({
        rawValue: value,
        eventId: null,
      });
    }
  });

  it('records a timestamp no date can hold as unknown rather than refuse the record', () => {
    const record = decodeRecord('t', 0, { ...message(null), timestamp: '9000000000000000' });
    expect(record.kafkaTimestamp).toBeNull();
  });

  it('records a timestamp outside the years 1–9999 as unknown: timestamptz would refuse or not give it back', () => {
    for (const timestamp of ['-8000000000000000', '300000000000000', String(Date.parse('0000-12-31T23:59:59Z'))]) {
      expect(decodeRecord('t', 0, { ...message(null), timestamp }).kafkaTimestamp, timestamp).toBeNull();
    }
    expect(decodeRecord('t', 0, { ...message(null), timestamp: '-1' }).kafkaTimestamp).toBe('1969-12-31T23:59:59.999Z');
  });

  it('keeps an envelope whose version or time PostgreSQL could not store as text, not refused forever', () => {
    for (const value of [
      JSON.stringify({ ...EVENT, version: 2 ** 31 }),
      JSON.stringify({ ...EVENT, occurredAt: '0000-06-01T00:00:00Z' }),
    ]) {
      expect(decodeRecord('t', 0, message(Buffer.from(value))), value).toMatchObject({
        rawValue: value,
        eventId: null,
      });
    }
    expect(
      decodeRecord('t', 0, message(Buffer.from(JSON.stringify({ ...EVENT, version: 2 ** 31 - 1 })))),
    ).toMatchObject({
      eventVersion: 2 ** 31 - 1,
      rawValue: null,
    });
  });

  it('keeps a header whose name holds a NUL (jsonb refuses it) under its bytes in base64', () => {
    const record = decodeRecord('t', 0, message(null, { 'a\u0000b': Buffer.from('v'), ok: Buffer.from('w') }));
    expect(record.headers).toEqual({ 'base64:YQBi': 'v', ok: 'w' });
  });

  it('writes text as it is and anything else as base64', () => {
    expect(printable(Buffer.from('héllo'))).toBe('héllo');
    expect(printable(Buffer.from([0xc3]))).toBe('base64:ww==');
  });
});
