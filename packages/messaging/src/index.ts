export { OutboxWriter, OUTBOX_CHANNEL } from './outbox-writer';
export { OutboxRelay } from './outbox-relay';
export { OutboxInspector, outboxHealthCheck, pgRawQuery } from './outbox-inspector';
export type { OutboxStatus, ParkedRow, RawQuery } from './outbox-inspector';
export { RecordRejectedError, isRecordRejection } from './record-rejection';
export type { OutboxRelayOptions } from './outbox-relay';
export { AcknowledgedProducer } from './acknowledged-producer';
export type { OutgoingMessage, StoredMessage } from './acknowledged-producer';
export { UnacknowledgedWriteError, offsetsFromAcks } from './acks';
export { EventConsumer } from './event-consumer';
export { RestartingConsumer } from './restarting-consumer';
export type { RestartingConsumerOptions } from './restarting-consumer';
export type { EventConsumerOptions, EventHandler, MessageContext, PartitionPosition } from './event-consumer';
export {
  consumerGroupLag,
  groupLagOf,
  positionOf,
  resetGroupToEarliest,
  waitUntilGroupsEmpty,
} from './consumer-group-offsets';
export type { ConsumerGroupLag, PartitionProgress } from './consumer-group-offsets';
export { EventRejectedError, classifyFailure } from './messaging-errors';
export type { FailureKind } from './messaging-errors';
export { listDeadLetters, redriveDeadLetters } from './dead-letters';
export type { DeadLetter } from './dead-letters';
export { DeadLetterHeaders, EventHeaders, headerText } from './kafka-headers';
export { TopicNames } from './topic-names';
export { silentLogger } from './messaging-logger';
export type { MessagingLogger, LogFields } from './messaging-logger';
export type { SqlExecutor, TransactionRunner } from './sql-client';
export { backoffMs, pause } from './backoff';
export { MessagingModule } from './messaging.module';
export { MESSAGING_OPTIONS, KAFKA, InjectKafka } from './messaging.tokens';
export type { MessagingModuleOptions } from './messaging.tokens';
export { KafkaEventTransport } from './kafka-event-transport';
export { kafkaLogCreator, kafkaLogLevel } from './kafka-log';
export type { ConsumerGroupInfo } from './kafka-event-transport';
export { OnEvent } from './on-event.decorator';
export { EventConsumerName } from './event-consumer-name.decorator';
export { EventContext } from './event-context';
export { KafkaReadiness } from './kafka-readiness';
