import { describe, expect, it } from 'vitest';
import { FraudAlertRaisedV1, FraudAlertResolvedV1 } from '@microbank/contracts';
import type { FeedEvent } from '../events/feed-event';
import { alertViewOf } from './alert-view';

const raisedPayload = FraudAlertRaisedV1.example;
const [knownId, forgottenId] = raisedPayload.evidence;
const evidence: FeedEvent = {
  id: 'banking.cards/1/7',
  topic: 'banking.cards',
  partition: 1,
  offset: '7',
  key: 'card',
  type: 'CardAuthorizationRequested',
  version: 1,
  eventId: knownId!,
  source: 'card',
  aggregateId: 'card',
  correlationId: 'c-1',
  occurredAt: '2026-11-28T04:00:00.000Z',
  payload: { amount: { amountMinor: '4999', currency: 'EUR' } },
};
const record = (type: string, version: number, payload: unknown): FeedEvent => ({
  ...evidence,
  id: 'banking.alerts/0/3',
  topic: 'banking.alerts',
  type,
  version,
  eventId: 'e',
  correlationId: 'c-2',
  payload,
});

describe('an alert as the browser sees it', () => {
  it('names its evidence events by what the dashboard remembers of them, and by id alone otherwise', () => {
    const view = alertViewOf(record('FraudAlertRaised', 1, raisedPayload), (id) =>
      id === knownId ? evidence : undefined,
    );
    expect(view).toMatchObject({
      id: 'banking.alerts/0/3',
      kind: 'raised',
      alertId: raisedPayload.alertId,
      rule: 'impossible-travel',
      correlationId: 'c-2',
      evidence: [
        {
          eventId: knownId,
          type: 'CardAuthorizationRequested',
          topic: 'banking.cards',
          occurredAt: evidence.occurredAt,
          payload: evidence.payload,
        },
        { eventId: forgottenId, type: null, topic: null, occurredAt: null, payload: null },
      ],
    });
  });

  it('reads a resolution, and nothing it does not know (another version, a broken payload, a non-event)', () => {
    expect(alertViewOf(record('FraudAlertResolved', 1, FraudAlertResolvedV1.example), () => undefined)).toMatchObject({
      kind: 'resolved',
      resolution: 'false_positive',
    });
    expect(alertViewOf(record('FraudAlertRaised', 2, raisedPayload), () => undefined)).toBeUndefined();
    expect(alertViewOf(record('FraudAlertRaised', 1, { alertId: 'x' }), () => undefined)).toBeUndefined();
    expect(alertViewOf({ ...record('FraudAlertRaised', 1, raisedPayload), occurredAt: null }, () => undefined)).toBe(
      undefined,
    );
  });
});
