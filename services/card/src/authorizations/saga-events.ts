import {
  CardAuthorizationExpiredV1,
  CardAuthorizationRequestedV1,
  CardAuthorizationReversedV1,
  CardCaptureRequestedV1,
  CardRefundRequestedV1,
  createEvent,
  money,
  type EventEnvelope,
  type Merchant,
  type Origin,
} from '@microbank/contracts';
import type { CardAuthorization, CardRefund } from '../generated/prisma/client';

/** The ids every saga event carries; events are keyed by card, so one card's steps stay in order. */
export function refOf(authorization: CardAuthorization) {
  return { authorizationId: authorization.id, cardId: authorization.cardId, accountId: authorization.accountId };
}

export function merchantOf(authorization: CardAuthorization): Merchant {
  return {
    name: authorization.merchantName,
    categoryCode: authorization.merchantCategoryCode,
    country: authorization.merchantCountry,
  };
}

/**
 * What the Account service is asked to do for an authorization in flight (`pending`, `capturing`, `reversing`,
 * `expiring`): the step that moved it there, and the one the saga sweep asks again when no answer came.
 */
export function requestFor(authorization: CardAuthorization, origin: Origin): EventEnvelope {
  const ref = refOf(authorization);
  const amount = money(authorization.amountMinor, authorization.currency);
  const from = { source: 'card' as const, ...origin };
  switch (authorization.status) {
    case 'pending':
      return createEvent(
        CardAuthorizationRequestedV1,
        authorization.cardId,
        { ...ref, amount, merchant: merchantOf(authorization), expiresAt: authorization.expiresAt.toISOString() },
        from,
      );
    case 'capturing':
      return createEvent(
        CardCaptureRequestedV1,
        authorization.cardId,
        {
          ...ref,
          captureId: authorization.captureId!,
          amount: money(authorization.capturedMinor!, authorization.currency),
          merchant: merchantOf(authorization),
        },
        from,
      );
    case 'reversing':
      return createEvent(CardAuthorizationReversedV1, authorization.cardId, { ...ref, amount }, from);
    case 'expiring':
      return createEvent(CardAuthorizationExpiredV1, authorization.cardId, { ...ref, amount }, from);
    case 'approved':
    case 'declined':
    case 'captured':
    case 'reversed':
    case 'expired':
      throw new Error(`authorization ${authorization.id} is ${authorization.status}: nothing to ask the account`);
  }
}

/** Asks the Account service to credit a refund. */
export function refundRequestFor(authorization: CardAuthorization, refund: CardRefund, origin: Origin): EventEnvelope {
  return createEvent(
    CardRefundRequestedV1,
    authorization.cardId,
    {
      ...refOf(authorization),
      refundId: refund.id,
      amount: money(refund.amountMinor, authorization.currency),
      merchant: merchantOf(authorization),
    },
    { source: 'card', ...origin },
  );
}
