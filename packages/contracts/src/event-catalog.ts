import type { EventDefinition } from './event-definition';
import { AccountFrozenV1 } from './events/account-frozen.v1';
import { AccountOpenedV1 } from './events/account-opened.v1';
import { AccountUnfrozenV1 } from './events/account-unfrozen.v1';
import { AuditCheckpointSignedV1 } from './events/audit-checkpoint-signed.v1';
import { CardCancelledV1 } from './events/card-cancelled.v1';
import { CardFrozenV1 } from './events/card-frozen.v1';
import { CardIssuedV1 } from './events/card-issued.v1';
import { CardLimitsChangedV1 } from './events/card-limits-changed.v1';
import { CardUnfrozenV1 } from './events/card-unfrozen.v1';
import { CardAuthorizationRequestedV1 } from './events/card-authorization-requested.v1';
import { CardAuthorizationApprovedV1 } from './events/card-authorization-approved.v1';
import { CardAuthorizationDeclinedV1 } from './events/card-authorization-declined.v1';
import { CardAuthorizationReversedV1 } from './events/card-authorization-reversed.v1';
import { CardAuthorizationExpiredV1 } from './events/card-authorization-expired.v1';
import { CardCaptureRequestedV1 } from './events/card-capture-requested.v1';
import { CardRefundRequestedV1 } from './events/card-refund-requested.v1';
import { CardHoldPlacedV1 } from './events/card-hold-placed.v1';
import { CardHoldDeclinedV1 } from './events/card-hold-declined.v1';
import { CardHoldReleasedV1 } from './events/card-hold-released.v1';
import { CardHoldCapturedV1 } from './events/card-hold-captured.v1';
import { CardRefundPostedV1 } from './events/card-refund-posted.v1';
import { TransactionPostedV2 } from './events/transaction-posted.v2';
import { FraudAlertRaisedV1 } from './events/fraud-alert-raised.v1';
import { FraudAlertResolvedV1 } from './events/fraud-alert-resolved.v1';
import { TransactionPostedV1 } from './events/transaction-posted.v1';
import { UserSignedUpV1 } from './events/user-signed-up.v1';

/** Every event type and version any service may publish. A new version is added here beside the old one. */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  UserSignedUpV1,
  AccountOpenedV1,
  AccountFrozenV1,
  AccountUnfrozenV1,
  TransactionPostedV1,
  TransactionPostedV2,
  CardIssuedV1,
  CardAuthorizationRequestedV1,
  CardAuthorizationApprovedV1,
  CardAuthorizationDeclinedV1,
  CardAuthorizationReversedV1,
  CardAuthorizationExpiredV1,
  CardCaptureRequestedV1,
  CardRefundRequestedV1,
  CardHoldPlacedV1,
  CardHoldDeclinedV1,
  CardHoldReleasedV1,
  CardHoldCapturedV1,
  CardRefundPostedV1,
  CardFrozenV1,
  CardUnfrozenV1,
  CardCancelledV1,
  CardLimitsChangedV1,
  FraudAlertRaisedV1,
  FraudAlertResolvedV1,
  AuditCheckpointSignedV1,
];
