import { money, type Currency, type Money } from '@microbank/contracts';
import type { Account } from '../generated/prisma/client';

export type AccountKind = 'current' | 'savings';
export type AccountStatus = 'active' | 'frozen';

/** An account as the API shows it. */
export interface AccountView {
  readonly id: string;
  readonly userId: string;
  readonly iban: string;
  readonly kind: AccountKind;
  readonly currency: Currency;
  readonly balance: Money;
  readonly status: AccountStatus;
  readonly openedAt: string;
}

export function toAccountView(account: Account): AccountView {
  const currency = account.currency as Currency;
  return {
    id: account.id,
    userId: account.userId!,
    iban: account.iban!,
    kind: account.kind as AccountKind,
    currency,
    balance: money(account.balanceMinor, currency),
    status: account.status as AccountStatus,
    openedAt: account.createdAt.toISOString(),
  };
}
