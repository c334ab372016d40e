import type { EventDefinition } from './event-definition';
import { AccountFrozenV1 } from './events/account-frozen.v1';
import { AccountOpenedV1 } from './events/account-opened.v1';
import { AccountUnfrozenV1 } from './events/account-unfrozen.v1';
import { CardCancelledV1 } from './events/card-cancelled.v1';
import { CardFrozenV1 } from './events/card-frozen.v1';
import { CardIssuedV1 } from './events/card-issued.v1';
import { CardLimitsChangedV1 } from './events/card-limits-changed.v1';
import { CardPaymentDeclinedV1 } from './events/card-payment-declined.v1';
import { CardPaymentRequestedV1 } from './events/card-payment-requested.v1';
import { CardPaymentSettledV1 } from './events/card-payment-settled.v1';
import { CardUnfrozenV1 } from './events/card-unfrozen.v1';
import { FraudAlertRaisedV1 } from './events/fraud-alert-raised.v1';
import { TransactionPostedV1 } from './events/transaction-posted.v1';
import { UserSignedUpV1 } from './events/user-signed-up.v1';

/** Every event type and version any service may publish. A new version is added here beside the old one. */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  UserSignedUpV1,
  AccountOpenedV1,
  AccountFrozenV1,
  AccountUnfrozenV1,
  TransactionPostedV1,
  CardIssuedV1,
  CardPaymentRequestedV1,
  CardPaymentSettledV1,
  CardPaymentDeclinedV1,
  CardFrozenV1,
  CardUnfrozenV1,
  CardCancelledV1,
  CardLimitsChangedV1,
  FraudAlertRaisedV1,
];
