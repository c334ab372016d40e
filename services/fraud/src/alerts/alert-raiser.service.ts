import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ALERT_SEVERITIES, createEvent, FraudAlertRaisedV1, type Origin } from '@microbank/contracts';
import { OutboxWriter } from '@microbank/messaging';
import type { Prisma } from '../generated/prisma/client';
import type { AlertDraft } from '../rules/fraud-rule';
import { AlertsRepository } from './alerts.repository';

/** Whose card and account an alert is about. */
export interface AlertParty {
  readonly userId: string;
  readonly accountId: string;
  readonly cardId: string | null;
}

// what FraudAlertRaised carries at most
const MAX_EVIDENCE = 100;

const subjectOf = (draft: AlertDraft) => `${draft.subject.kind}:${draft.subject.id}`;

/**
 * Turns the rules' matches on one event into alerts and their FraudAlertRaised: one per rule and subject within the
 * rule's window, unless the new match is more severe (a medium match does not hide a high one that freezes).
 */
@Injectable()
export class AlertRaiser {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** `at` is the time of the event that matched, so replaying the log raises what it raised the first time. */
  async raise(
    tx: Prisma.TransactionClient,
    drafts: readonly AlertDraft[],
    party: AlertParty,
    at: Date,
    origin: Origin,
  ): Promise<void> {
    if (drafts.length === 0) return;
    await this.alerts.lockSubjects(
      tx,
      drafts.map((draft) => `${draft.rule}|${subjectOf(draft)}`),
    );
    for (const draft of drafts) {
      const atLeastAsSevere = ALERT_SEVERITIES.slice(ALERT_SEVERITIES.indexOf(draft.severity));
      if (await this.alerts.hasOpenWindow(tx, draft.rule, subjectOf(draft), at, atLeastAsSevere)) continue;
      await this.insert(tx, draft, party, at, origin);
    }
  }

  private async insert(
    tx: Prisma.TransactionClient,
    draft: AlertDraft,
    party: AlertParty,
    at: Date,
    origin: Origin,
  ): Promise<void> {
    const alert = await this.alerts.insert(tx, {
      id: randomUUID(),
      rule: draft.rule,
      severity: draft.severity,
      score: draft.score,
      subject: subjectOf(draft),
      userId: party.userId,
      accountId: party.accountId,
      cardId: party.cardId,
      description: draft.description,
      evidence: draft.evidence.slice(0, MAX_EVIDENCE),
      amountMinor: draft.amount ? BigInt(draft.amount.amountMinor) : null,
      currency: draft.amount?.currency ?? null,
      // a card can only be frozen when the alert is about one
      freezeCard: draft.freezeCard && party.cardId !== null,
      freezeAccount: draft.freezeAccount,
      raisedAt: at,
      windowEndsAt: new Date(at.getTime() + draft.windowMs),
    });
    await this.outbox.add(
      tx,
      createEvent(
        FraudAlertRaisedV1,
        alert.accountId,
        {
          alertId: alert.id,
          rule: draft.rule,
          severity: alert.severity,
          score: alert.score,
          description: alert.description,
          userId: alert.userId,
          accountId: alert.accountId,
          cardId: alert.cardId,
          evidence: alert.evidence,
          amount: draft.amount,
          freezeCard: alert.freezeCard,
          freezeAccount: alert.freezeAccount,
        },
        { source: 'fraud', ...origin },
      ),
    );
  }
}
