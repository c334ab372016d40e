import { DECLINE_CODES, merchantSchema, money, moneySchema } from '@microbank/contracts';
import { z } from 'zod';
import type { $Enums, CardAuthorization, CardRefund } from '../generated/prisma/client';

const AUTHORIZATION_STATUSES = [
  'pending',
  'approved',
  'declined',
  'capturing',
  'captured',
  'reversing',
  'reversed',
  'expiring',
  'expired',
] as const satisfies readonly $Enums.AuthorizationStatus[];

/** An authorization as the card network reads it: the answer to its call, and where the payment stands since. */
export const authorizationViewSchema = z.object({
  id: z.uuid().nullable().describe('null only for a card number the bank never issued (nothing was recorded)'),
  cardId: z.uuid().nullable(),
  status: z.enum(AUTHORIZATION_STATUSES),
  amount: moneySchema,
  merchant: merchantSchema,
  responseCode: z
    .string()
    .nullable()
    .describe(
      `ISO 8583: "00" approved, ${Object.entries(DECLINE_CODES)
        .map(([reason, code]) => `"${code}" ${reason}`)
        .join(', ')}, "14" unknown card`,
    ),
  declineReason: z.string().nullable(),
  approvalCode: z.string().nullable(),
  captured: moneySchema.nullable(),
  refunded: moneySchema,
  expiresAt: z.iso.datetime().nullable().describe('when an uncaptured approval is released'),
  createdAt: z.iso.datetime(),
});
export type AuthorizationView = z.infer<typeof authorizationViewSchema>;

export const refundViewSchema = z.object({
  id: z.uuid(),
  authorizationId: z.uuid(),
  status: z.enum(['pending', 'posted']),
  amount: moneySchema,
  createdAt: z.iso.datetime(),
});
export type RefundView = z.infer<typeof refundViewSchema>;

export function toAuthorizationView(authorization: CardAuthorization): AuthorizationView {
  const currency = authorization.currency;
  const approvedOnce = !['pending', 'declined'].includes(authorization.status);
  return {
    id: authorization.id,
    cardId: authorization.cardId,
    status: authorization.status,
    amount: money(authorization.amountMinor, currency),
    merchant: {
      name: authorization.merchantName,
      categoryCode: authorization.merchantCategoryCode,
      country: authorization.merchantCountry,
    },
    responseCode: authorization.responseCode,
    declineReason: authorization.declineReason,
    approvalCode: authorization.approvalCode,
    captured: authorization.capturedMinor === null ? null : money(authorization.capturedMinor, currency),
    refunded: money(authorization.refundedMinor, currency),
    expiresAt: approvedOnce ? authorization.expiresAt.toISOString() : null,
    createdAt: authorization.createdAt.toISOString(),
  };
}

export function toRefundView(refund: CardRefund, currency: CardAuthorization['currency']): RefundView {
  return {
    id: refund.id,
    authorizationId: refund.authorizationId,
    status: refund.status,
    amount: money(refund.amountMinor, currency),
    createdAt: refund.createdAt.toISOString(),
  };
}
