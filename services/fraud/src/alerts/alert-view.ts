import { alertResolutionSchema, alertSeveritySchema, fraudRuleSchema, money, moneySchema } from '@microbank/contracts';
import { z } from 'zod';
import type { AccountPosting, Alert, CardAttempt } from '../generated/prisma/client';

/** An alert as analysts (and, for their own, customers) see it. */
export const alertViewSchema = z.object({
  id: z.uuid(),
  streamId: z.string().describe('its position in the live stream (the SSE event id)'),
  rule: fraudRuleSchema,
  severity: alertSeveritySchema,
  score: z.int().describe('1 (barely over the threshold) to 100'),
  status: z.enum(['open', 'confirmed_fraud', 'false_positive']),
  description: z.string(),
  customer: z.object({ userId: z.uuid(), fullName: z.string().nullable() }),
  accountId: z.uuid(),
  cardId: z.uuid().nullable(),
  amount: moneySchema.nullable(),
  actions: z.object({ freezeCard: z.boolean(), freezeAccount: z.boolean() }),
  evidence: z.array(z.uuid()).describe('the ids of the events that made the rule match'),
  raisedAt: z.iso.datetime().describe('when the matching event happened'),
  detectedAt: z.iso.datetime().describe('when the fraud service raised the alert'),
  resolution: z
    .object({
      outcome: alertResolutionSchema,
      resolvedBy: z.uuid(),
      resolvedAt: z.iso.datetime(),
      note: z.string().nullable(),
    })
    .nullable(),
});
export type AlertView = z.infer<typeof alertViewSchema>;

const evidenceEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('posting'),
    eventId: z.uuid(),
    accountId: z.uuid(),
    kind: z.string(),
    direction: z.enum(['credit', 'debit']),
    amount: moneySchema,
    at: z.iso.datetime(),
  }),
  z.object({
    type: z.literal('card_authorization'),
    eventIds: z.array(z.uuid()),
    authorizationId: z.uuid(),
    cardId: z.uuid(),
    amount: moneySchema,
    country: z.string(),
    declined: z.boolean(),
    at: z.iso.datetime(),
  }),
]);

/** One alert with what its evidence ids stand for, oldest first. */
export const alertDetailViewSchema = alertViewSchema.extend({ evidenceEvents: z.array(evidenceEventSchema) });
export type AlertDetailView = z.infer<typeof alertDetailViewSchema>;

export function toAlertView(alert: Alert, fullName: string | null): AlertView {
  return {
    id: alert.id,
    streamId: alert.seq.toString(),
    rule: fraudRuleSchema.parse(alert.rule),
    severity: alert.severity,
    score: alert.score,
    status: alert.status,
    description: alert.description,
    customer: { userId: alert.userId, fullName },
    accountId: alert.accountId,
    cardId: alert.cardId,
    amount: alert.amountMinor !== null && alert.currency !== null ? money(alert.amountMinor, alert.currency) : null,
    actions: { freezeCard: alert.freezeCard, freezeAccount: alert.freezeAccount },
    evidence: alert.evidence,
    raisedAt: alert.raisedAt.toISOString(),
    detectedAt: alert.createdAt.toISOString(),
    resolution:
      alert.status === 'open' || !alert.resolvedBy || !alert.resolvedAt
        ? null
        : {
            outcome: alert.status,
            resolvedBy: alert.resolvedBy,
            resolvedAt: alert.resolvedAt.toISOString(),
            note: alert.resolutionNote,
          },
  };
}

export function toEvidenceEvents(
  postings: readonly AccountPosting[],
  attempts: readonly CardAttempt[],
): AlertDetailView['evidenceEvents'] {
  const events: AlertDetailView['evidenceEvents'] = [
    ...postings.map((p) => ({
      type: 'posting' as const,
      eventId: p.eventId,
      accountId: p.accountId,
      kind: p.kind,
      direction: p.direction,
      amount: money(p.amountMinor, p.currency),
      at: p.postedAt.toISOString(),
    })),
    ...attempts.map((a) => ({
      type: 'card_authorization' as const,
      eventIds: a.eventIds,
      authorizationId: a.authorizationId,
      cardId: a.cardId,
      amount: money(a.amountMinor, a.currency),
      country: a.country,
      declined: a.declined,
      at: a.attemptedAt.toISOString(),
    })),
  ];
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
