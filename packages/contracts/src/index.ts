export { AUDIT_CHECKPOINTS_TOPIC, Topics, TOPIC_SPECS, deadLetterTopicOf } from './topics';
export type { TopicName, TopicSpec } from './topics';
export { envelopeSchema, SOURCES } from './envelope';
export type { EventEnvelope, Source } from './envelope';
export { CURRENCIES, currencySchema, moneySchema, money } from './money';
export type { Currency, Money } from './money';
export { SERVED_COUNTRIES, isServedCountry, servedCountrySchema } from './countries';
export type { ServedCountry } from './countries';
export { DECLINE_CODES, declineReasonSchema, merchantSchema } from './merchant';
export { plainText } from './plain-text';
export {
  ALERT_RESOLUTIONS,
  ALERT_SEVERITIES,
  FRAUD_RULES,
  alertResolutionSchema,
  alertSeveritySchema,
  fraudRuleSchema,
  freezeReason,
} from './fraud';
export type { AlertResolution, AlertSeverity, FraudRuleName } from './fraud';
export type { DeclineCode, DeclineReason, Merchant } from './merchant';
export { defineEvent, createEvent, causedBy, originOf } from './event-definition';
export type { EventDefinition, EventOf, PayloadOf, EventOrigin, Origin } from './event-definition';
export { EVENT_CATALOG } from './event-catalog';
export { decodeEvent, PermanentEventError } from './decode-event';
export type { Decoded, PermanentReason } from './decode-event';
export { renderEventCatalog } from './render-event-catalog';
export { UserSignedUpV1 } from './events/user-signed-up.v1';
export { AccountOpenedV1 } from './events/account-opened.v1';
export { AccountFrozenV1 } from './events/account-frozen.v1';
export { AccountUnfrozenV1 } from './events/account-unfrozen.v1';
export { TransactionPostedV1, TRANSACTION_KINDS } from './events/transaction-posted.v1';
export { TransactionPostedV2, TRANSACTION_KINDS_V2 } from './events/transaction-posted.v2';
export { CardIssuedV1 } from './events/card-issued.v1';
export { CardAuthorizationRequestedV1 } from './events/card-authorization-requested.v1';
export { CardAuthorizationApprovedV1 } from './events/card-authorization-approved.v1';
export { CardAuthorizationDeclinedV1 } from './events/card-authorization-declined.v1';
export { CardAuthorizationReversedV1 } from './events/card-authorization-reversed.v1';
export { CardAuthorizationExpiredV1 } from './events/card-authorization-expired.v1';
export { CardCaptureRequestedV1 } from './events/card-capture-requested.v1';
export { CardRefundRequestedV1 } from './events/card-refund-requested.v1';
export { CardHoldPlacedV1 } from './events/card-hold-placed.v1';
export { CardHoldDeclinedV1 } from './events/card-hold-declined.v1';
export { CardHoldReleasedV1 } from './events/card-hold-released.v1';
export { CardHoldCapturedV1 } from './events/card-hold-captured.v1';
export { CardRefundPostedV1 } from './events/card-refund-posted.v1';
export { CardFrozenV1 } from './events/card-frozen.v1';
export { CardUnfrozenV1 } from './events/card-unfrozen.v1';
export { CardCancelledV1 } from './events/card-cancelled.v1';
export { CardLimitsChangedV1 } from './events/card-limits-changed.v1';
export { FraudAlertRaisedV1 } from './events/fraud-alert-raised.v1';
export { FraudAlertResolvedV1 } from './events/fraud-alert-resolved.v1';
export { AuditCheckpointSignedV1, AUDIT_CHAIN } from './events/audit-checkpoint-signed.v1';
