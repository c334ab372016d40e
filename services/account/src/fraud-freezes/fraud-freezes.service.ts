import { Injectable } from '@nestjs/common';
import {
  AccountFrozenV1,
  AccountUnfrozenV1,
  createEvent,
  freezeReason,
  type FraudAlertRaisedV1,
  type FraudAlertResolvedV1,
  type Origin,
  type PayloadOf,
} from '@microbank/contracts';
import { DomainError } from '@microbank/domain';
import { OutboxWriter } from '@microbank/messaging';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/**
 * Freezes an account on each fraud alert that asks for it, and unfreezes it when the last of those alerts still open
 * proves a false positive.
 */
@Injectable()
export class FraudFreezesService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async alertRaised(tx: Tx, alert: PayloadOf<typeof FraudAlertRaisedV1>, origin: Origin): Promise<void> {
    if (!alert.freezeAccount) return;
    await this.mustExist(tx, alert.accountId);
    // every freezing alert is remembered, but only the one that froze an active account says so
    if (!(await this.accounts.freezeForAlert(tx, alert.accountId, alert.alertId))) return;
    await this.outbox.add(
      tx,
      createEvent(
        AccountFrozenV1,
        alert.accountId,
        { accountId: alert.accountId, reason: freezeReason(alert.description), alertId: alert.alertId },
        { source: 'account', ...origin },
      ),
    );
  }

  async alertResolved(tx: Tx, resolved: PayloadOf<typeof FraudAlertResolvedV1>, origin: Origin): Promise<void> {
    // a confirmed fraud keeps the account frozen
    if (resolved.resolution !== 'false_positive') return;
    await this.mustExist(tx, resolved.accountId);
    // the account is active again only when no other open alert holds it frozen
    if (!(await this.accounts.unfreezeAfterAlert(tx, resolved.accountId, resolved.alertId))) return;
    await this.outbox.add(
      tx,
      createEvent(
        AccountUnfrozenV1,
        resolved.accountId,
        {
          accountId: resolved.accountId,
          reason: 'Fraud alert resolved as a false positive',
          alertId: resolved.alertId,
        },
        { source: 'account', ...origin },
      ),
    );
  }

  // an alert about an account this service never opened is a fault upstream: dead-lettered for a human
  private async mustExist(tx: Tx, accountId: string): Promise<void> {
    if (!(await this.accounts.findCustomerAccount(accountId, tx))) {
      throw DomainError.notFound(`The account ${accountId}`);
    }
  }
}
