import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransactionPostedV2, createEvent, money, type Currency, type Origin } from '@microbank/contracts';
import { DomainError, isUuid, type Actor } from '@microbank/domain';
import { OutboxWriter } from '@microbank/messaging';
import type { SqlTransaction } from '@microbank/database';
import { isValidIban, normalizeIban } from '../accounts/iban';
import {
  assertBalanced,
  balanceAfter,
  depositPosting,
  transferPosting,
  withdrawalPosting,
  type Posting,
} from './ledger-posting';
import { clearingSlotOf } from './clearing-slot';
import { LedgerRepository, type LedgerTx, type LockedAccount } from './ledger.repository';
import type { TransactionView } from './transaction-view';

type Tx = SqlTransaction;

/** Who moves the money, and the request or event the movement belongs to. */
export interface MovementRequest {
  readonly actor: Actor;
  readonly origin: Origin;
}

export interface MoneyMovement {
  readonly amountMinor: bigint;
  readonly currency: Currency;
  readonly reference: string | null;
}

/** Deposits, withdrawals and transfers: balanced postings, under row locks, announced through the outbox. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  deposit(tx: Tx, request: MovementRequest, accountId: string, movement: MoneyMovement): Promise<TransactionView> {
    return this.cashMovement(tx, request, accountId, movement, depositPosting);
  }

  withdraw(tx: Tx, request: MovementRequest, accountId: string, movement: MoneyMovement): Promise<TransactionView> {
    return this.cashMovement(tx, request, accountId, movement, withdrawalPosting);
  }

  /**
   * Cash in or out: a posting between the customer's account and one of the bank's clearing accounts for the
   * currency (the account's slot), so cash movements of different accounts rarely wait on the same row lock.
   */
  private async cashMovement(
    tx: Tx,
    request: MovementRequest,
    accountId: string,
    movement: MoneyMovement,
    postingOf: typeof depositPosting,
  ): Promise<TransactionView> {
    if (!isUuid(accountId)) throw DomainError.notFound('The account');
    const slot = clearingSlotOf(accountId);
    const locked = byId(await this.ledger.lockForCashMovement(tx, accountId, movement.currency, slot));
    const clearing = [...locked.values()].find((account) => account.kind === 'clearing');
    if (!clearing) throw new Error(`no clearing account ${slot} for ${movement.currency}; the migrations create 16`);
    const posting = postingOf(
      randomUUID(),
      movement.currency,
      movement.amountMinor,
      accountId,
      clearing.id,
      movement.reference,
    );
    return this.post(tx, request, accountId, posting, locked);
  }

  /** From one of the caller's accounts to any Microbank account number, in the same currency. */
  async transfer(
    tx: Tx,
    request: MovementRequest,
    fromAccountId: string,
    toIbanInput: string,
    movement: MoneyMovement,
  ): Promise<TransactionView> {
    const toIban = normalizeIban(toIbanInput);
    if (!isValidIban(toIban)) {
      throw invalid('toIban', 'iban_checksum', 'is not a valid IBAN (its ISO 7064 check digits do not hold)');
    }
    if (!isUuid(fromAccountId)) throw DomainError.notFound('The account');
    // finding the two accounts is locking them: one statement, no look-up round trip before it
    const locked = byId(await this.ledger.lockForTransfer(tx, fromAccountId, toIban));
    const from = locked.get(fromAccountId);
    if (!from || from.userId !== request.actor.userId) throw DomainError.notFound('The account');
    const to = [...locked.values()].find((account) => account.iban === toIban);
    if (!to) throw invalid('toIban', 'unknown_account', 'is not a Microbank account');
    if (to.id === from.id) throw invalid('toIban', 'same_account', 'must be another account than fromAccountId');
    const posting = transferPosting(
      randomUUID(),
      movement.currency,
      movement.amountMinor,
      { id: from.id, iban: from.iban! },
      { id: to.id, iban: to.iban! },
      movement.reference,
    );
    return this.post(tx, request, from.id, posting, locked);
  }

  /** Checks the posting against the locked accounts, then writes it and its events: two statements under the locks. */
  private async post(
    tx: Tx,
    { actor, origin }: MovementRequest,
    ownAccountId: string,
    posting: Posting,
    locked: ReadonlyMap<string, LockedAccount>,
  ): Promise<TransactionView> {
    assertBalanced(posting);
    const own = locked.get(ownAccountId);
    if (!own || own.kind === 'clearing' || own.userId !== actor.userId) throw DomainError.notFound('The account');

    const balances = new Map<string, bigint>();
    for (const leg of posting.legs) {
      const account = locked.get(leg.accountId)!;
      if (account.currency !== posting.currency) {
        const whose =
          account.id === ownAccountId || account.kind === 'clearing' ? 'the account' : 'the receiving account';
        throw invalid('currency', 'currency_mismatch', `must be the currency of ${whose} (${account.currency})`);
      }
      const customer = account.kind !== 'clearing';
      if (customer && leg.direction === 'debit' && account.status === 'frozen') {
        throw DomainError.conflict('Account frozen', 'This account is frozen and accepts no debits.', 'account-frozen');
      }
      const after = balanceAfter(balances.get(account.id) ?? account.balanceMinor, leg);
      // money held for card authorizations is not there to spend
      if (customer && after - account.heldMinor < 0n) {
        throw DomainError.rejected(
          'Insufficient funds',
          'The available balance (the balance less card holds) does not cover this amount.',
          'insufficient-funds',
          [{ field: 'amountMinor', rule: 'insufficient_funds', message: 'exceeds the available balance' }],
        );
      }
      balances.set(account.id, after);
    }
    const views = await this.write(tx, origin, posting, balances, locked);
    return views.find((view) => view.accountId === ownAccountId)!;
  }

  /**
   * Posts a card capture or refund the Account service already decided on: the hold set the money aside, so
   * neither the holder's checks nor a frozen account stop it (the merchant was promised the money).
   */
  async postCard(
    tx: LedgerTx,
    origin: Origin,
    posting: Posting,
    locked: ReadonlyMap<string, LockedAccount>,
  ): Promise<TransactionView> {
    assertBalanced(posting);
    const balances = new Map<string, bigint>();
    for (const leg of posting.legs) {
      const account = locked.get(leg.accountId)!;
      balances.set(account.id, balanceAfter(balances.get(account.id) ?? account.balanceMinor, leg));
    }
    const [view] = await this.write(tx, origin, posting, balances, locked);
    return view!;
  }

  /** Writes the posting, then one TransactionPosted per customer leg: two statements under the locks. */
  private async write(
    tx: LedgerTx,
    origin: Origin,
    posting: Posting,
    balances: ReadonlyMap<string, bigint>,
    locked: ReadonlyMap<string, LockedAccount>,
  ): Promise<TransactionView[]> {
    const postedAt = new Date();
    await this.ledger.record(tx, posting, balances, { correlationId: origin.correlationId, postedAt });

    // one TransactionPosted per customer leg, keyed by account so one account's postings stay in order for every consumer
    const customerLegs = posting.legs.filter((leg) => locked.get(leg.accountId)!.kind !== 'clearing');
    const views = customerLegs.map((leg) => this.view(posting, leg.accountId, balances, postedAt));
    await this.outbox.add(
      tx,
      ...views.map((view) =>
        createEvent(
          TransactionPostedV2,
          view.accountId,
          { ...view, userId: locked.get(view.accountId)!.userId! },
          { source: 'account', ...origin },
        ),
      ),
    );
    return views;
  }

  private view(
    posting: Posting,
    accountId: string,
    balances: ReadonlyMap<string, bigint>,
    postedAt: Date,
  ): TransactionView {
    const leg = posting.legs.find((l) => l.accountId === accountId)!;
    return {
      transactionId: posting.transactionId,
      accountId,
      kind: leg.kind,
      direction: leg.direction,
      amount: money(leg.amountMinor, posting.currency),
      balanceAfter: money(balances.get(accountId)!, posting.currency),
      counterpartyIban: leg.counterpartyIban,
      reference: posting.reference,
      card: posting.card ?? null,
      postedAt: postedAt.toISOString(),
    };
  }
}

export function byId(accounts: readonly LockedAccount[]): Map<string, LockedAccount> {
  return new Map(accounts.map((account) => [account.id, account]));
}

function invalid(field: string, rule: string, message: string): DomainError {
  return DomainError.invalid([{ field, rule, message: `${field} ${message}` }]);
}
