import { currencySchema, money, moneySchema } from '@microbank/contracts';
import { z } from 'zod';
import type { Account } from '../generated/prisma/client';

/** An account as the API shows it. */
export const accountViewSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  iban: z.string().describe('an IBAN without spaces'),
  kind: z.enum(['current', 'savings']),
  currency: currencySchema,
  balance: moneySchema,
  available: moneySchema.describe('the balance less what card authorizations hold: what can be spent'),
  status: z.enum(['active', 'frozen']),
  openedAt: z.iso.datetime(),
});
export type AccountView = z.infer<typeof accountViewSchema>;
export type AccountKind = AccountView['kind'];
export type AccountStatus = AccountView['status'];

export function toAccountView(account: Account): AccountView {
  return {
    id: account.id,
    userId: account.userId!,
    iban: account.iban!,
    kind: account.kind as AccountKind,
    currency: account.currency,
    balance: money(account.balanceMinor, account.currency),
    available: money(account.balanceMinor - account.heldMinor, account.currency),
    status: account.status,
    openedAt: account.createdAt.toISOString(),
  };
}
