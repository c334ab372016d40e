import { FraudAlertRaisedV1, FraudAlertResolvedV1, type PayloadOf } from '@microbank/contracts';
import type { FeedEvent } from '../events/feed-event';

/** One event an alert names as its evidence: what the dashboard still knows of it, or just its id. */
export interface EvidenceView {
  readonly eventId: string;
  readonly type: string | null;
  readonly topic: string | null;
  readonly occurredAt: string | null;
  readonly payload: unknown;
}

interface AlertFacts {
  /** Where the alert's event sits (`topic/partition/offset`): the SSE id, stable across restarts. */
  readonly id: string;
  readonly occurredAt: string;
  readonly correlationId: string;
}

export type AlertView =
  | (AlertFacts & { readonly kind: 'raised' } & Omit<PayloadOf<typeof FraudAlertRaisedV1>, 'evidence'> & {
        readonly evidence: readonly EvidenceView[];
      })
  | (AlertFacts & { readonly kind: 'resolved' } & PayloadOf<typeof FraudAlertResolvedV1>);

/**
 * A FraudAlertRaised or FraudAlertResolved record as the browser shows it, the evidence looked up by `evidenceOf`;
 * undefined for anything else on the topic (a version this dashboard does not know, a malformed record).
 */
export function alertViewOf(
  event: FeedEvent,
  evidenceOf: (eventId: string) => FeedEvent | undefined,
): AlertView | undefined {
  if (!event.occurredAt || !event.correlationId) return undefined;
  const facts = { id: event.id, occurredAt: event.occurredAt, correlationId: event.correlationId };
  if (event.type === FraudAlertRaisedV1.type && event.version === FraudAlertRaisedV1.version) {
    const raised = FraudAlertRaisedV1.payload.safeParse(event.payload);
    if (!raised.success) return undefined;
    const evidence = raised.data.evidence.map((eventId): EvidenceView => {
      const known = evidenceOf(eventId);
      return {
        eventId,
        type: known?.type ?? null,
        topic: known?.topic ?? null,
        occurredAt: known?.occurredAt ?? null,
        payload: known?.payload ?? null,
      };
    });
    return { ...facts, kind: 'raised', ...raised.data, evidence };
  }
  if (event.type === FraudAlertResolvedV1.type && event.version === FraudAlertResolvedV1.version) {
    const resolved = FraudAlertResolvedV1.payload.safeParse(event.payload);
    return resolved.success ? { ...facts, kind: 'resolved', ...resolved.data } : undefined;
  }
  return undefined;
}
