import { Injectable } from '@nestjs/common';
import type { Actor } from '@microbank/domain';
import { AccountAccess } from '../accounts/account-access.service';
import { monthsBetween } from '../calendar/calendar';
import type { SpendingView } from './spending-view';
import { SpendingRepository } from './spending.repository';

@Injectable()
export class SpendingService {
  constructor(
    private readonly access: AccountAccess,
    private readonly spending: SpendingRepository,
  ) {}

  /** Card spending per UTC month and category, every month of the range listed (empty ones too). */
  async between(actor: Actor, accountId: string, from: string, to: string): Promise<SpendingView> {
    const account = await this.access.readable(actor, accountId);
    const rows = await this.spending.between(account.id, from, to);
    const amount = (minor: bigint) => ({ amountMinor: minor.toString(), currency: account.currency });
    return {
      accountId: account.id,
      currency: account.currency,
      from,
      to,
      months: monthsBetween(from, to).map((month) => {
        const ofMonth = rows.filter((row) => row.month === month);
        return {
          month,
          total: amount(ofMonth.reduce((total, row) => total + row.netMinor, 0n)),
          categories: ofMonth.map((row) => ({
            category: row.category,
            net: amount(row.netMinor),
            payments: row.payments,
            refunds: row.refunds,
          })),
        };
      }),
    };
  }
}
