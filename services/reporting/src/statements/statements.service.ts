import { Injectable } from '@nestjs/common';
import type { Actor } from '@microbank/domain';
import { AccountAccess } from '../accounts/account-access.service';
import { AccountsRepository } from '../accounts/accounts.repository';
import { monthEnd, monthStart } from '../calendar/calendar';
import { SpendingRepository } from '../spending/spending.repository';
import { buildStatement, type Statement } from './statement';
import { StatementsRepository } from './statements.repository';

@Injectable()
export class StatementsService {
  constructor(
    private readonly access: AccountAccess,
    private readonly accounts: AccountsRepository,
    private readonly statements: StatementsRepository,
    private readonly spending: SpendingRepository,
  ) {}

  /** The account's statement of a UTC month (YYYY-MM), for its owner or an analyst. */
  async monthly(actor: Actor, accountId: string, month: string): Promise<Statement> {
    const account = await this.access.readable(actor, accountId);
    const from = monthStart(month);
    const to = monthEnd(month);
    const [holder, before, lines, cardDigits, spending] = await Promise.all([
      this.accounts.holderName(account.userId),
      this.statements.lastLineBefore(account.id, from),
      this.statements.linesBetween(account.id, from, to),
      this.accounts.cardDigitsOf(account.id),
      this.spending.between(account.id, month, month),
    ]);
    return buildStatement({ account, holder, month, from, to, before, lines, cardDigits, spending });
  }
}
