import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createEvent, FraudAlertRaisedV1, type Origin } from '@microbank/contracts';
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

/** Turns a rule's match into an alert and its FraudAlertRaised, once per rule and subject within the rule's window. */
@Injectable()
export class AlertRaiser {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** `at` is the time of the event that matched, so replaying the log raises what it raised the first time. */
  async raise(
    tx: Prisma.TransactionClient,
    draft: AlertDraft,
    party: AlertParty,
    at: Date,
    origin: Origin,
  ): Promise<boolean> {
    const subject = `${draft.subject.kind}:${draft.subject.id}`;
    await this.alerts.lockSubject(tx, draft.rule, subject);
    if (await this.alerts.hasOpenWindow(tx, draft.rule, subject, at)) return false;
    const alert = await this.alerts.insert(tx, {
      id: randomUUID(),
      rule: draft.rule,
      severity: draft.severity,
      score: draft.score,
      subject,
      userId: party.userId,
      accountId: party.accountId,
      cardId: party.cardId,
      description: draft.description,
      evidence: [...draft.evidence],
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
    return true;
  }
}
