import { describe, expect, it } from 'vitest';
import { matchesFilter } from './event-filter';
import { feedEventOf } from './feed-event';

const envelope = {
  eventId: '6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
  type: 'TransactionPosted',
  version: 2,
  occurredAt: '2026-11-28T04:00:00.000Z',
  source: 'account',
  aggregateId: '0B6F1A8E-2c3d-4e5f-9a0b-1c2d3e4f5a6b',
  correlationId: 'req-42',
  causationId: null,
  payload: { amountMinor: '100' },
};
const record = (value: unknown, key = 'the-key') => ({
  topic: 'test.1234.banking.transactions',
  partition: 2,
  offset: '17',
  key: Buffer.from(key),
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});
const posted = feedEventOf('banking.transactions', record(envelope));

describe('the event feed', () => {
  it('shows a record by its contract topic and place, with its envelope', () => {
    expect(posted).toEqual({
      id: 'banking.transactions/2/17',
      topic: 'banking.transactions',
      partition: 2,
      offset: '17',
      key: 'the-key',
      type: 'TransactionPosted',
      version: 2,
      eventId: envelope.eventId,
      source: 'account',
      aggregateId: envelope.aggregateId,
      correlationId: 'req-42',
      occurredAt: envelope.occurredAt,
      payload: { amountMinor: '100' },
    });
  });

  it('still shows a record that is no event envelope, as its text', () => {
    expect(feedEventOf('banking.transactions', record('not json'))).toMatchObject({ type: null, payload: 'not json' });
    expect(feedEventOf('banking.transactions', record({ hello: 1 }))).toMatchObject({ type: null, eventId: null });
    expect(feedEventOf('banking.transactions', record(null))).toMatchObject({ type: null, payload: null });
  });

  it('filters by topic and by exact event type', () => {
    expect(matchesFilter(posted, { topics: [] })).toBe(true);
    expect(matchesFilter(posted, { topics: ['banking.cards', 'banking.transactions'] })).toBe(true);
    expect(matchesFilter(posted, { topics: ['banking.cards'] })).toBe(false);
    expect(matchesFilter(posted, { topics: [], type: 'TransactionPosted' })).toBe(true);
    expect(matchesFilter(posted, { topics: [], type: 'Transaction' })).toBe(false);
  });

  it('searches aggregate, correlation and event ids and the key, in any case', () => {
    expect(matchesFilter(posted, { topics: [], text: '0b6f1a8e' })).toBe(true);
    expect(matchesFilter(posted, { topics: [], text: 'REQ-4' })).toBe(true);
    expect(matchesFilter(posted, { topics: [], text: '4b5a-4c6d' })).toBe(true);
    expect(matchesFilter(posted, { topics: [], text: 'the-k' })).toBe(true);
    expect(matchesFilter(posted, { topics: [], text: '  ' })).toBe(true);
    expect(matchesFilter(posted, { topics: [], text: 'someone-else' })).toBe(false);
  });
});
