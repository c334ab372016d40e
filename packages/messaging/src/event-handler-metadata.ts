import type { EventDefinition } from '@microbank/contracts';

/** Ties @OnEvent handlers to KafkaEventTransport, so another transport in the same app does not run them. */
export const KAFKA_EVENT_TRANSPORT = Symbol('microbank:kafka-event-transport');

export const HANDLED_EVENT = 'microbank:handled-event';
export const CONSUMER_NAME = 'microbank:consumer-name';

/** What @OnEvent and @EventConsumerName leave in the `extras` of a handler's @EventPattern. */
export interface EventHandlerExtras {
  readonly definition: EventDefinition;
  /** `Class.method`, for messages about the handler. */
  readonly handler: string;
  /** The lasting name of the handler's class; absent when the class has no @EventConsumerName. */
  readonly consumer?: string;
}

/** The @EventPattern of a handler; naming the consumer keeps two consumers of one event in one app apart. */
export function eventPattern(definition: EventDefinition, consumer?: string) {
  return { event: definition.type, version: definition.version, ...(consumer ? { consumer } : {}) };
}
