import { UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { EventDefinition, EventOf } from '@microbank/contracts';
import { HANDLED_EVENT, KAFKA_EVENT_TRANSPORT, eventPattern, type EventHandlerExtras } from './event-handler-metadata';
import { RethrowEventErrors } from './rethrow-event-errors.filter';

/**
 * Makes a method of an @EventConsumerName class the handler of one event version: an @EventPattern that
 * KafkaEventTransport runs inside the transaction that records the event in the inbox. Take the event with
 * `@Payload()` (typed `EventOf<typeof Definition>`, checked here) and the `EventContext` with `@Ctx()`.
 */
export function OnEvent<D extends EventDefinition>(definition: D) {
  return <M extends (event: EventOf<D>, ...rest: never[]) => Promise<void>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    const method = descriptor.value!;
    const handler = `${target.constructor.name}.${String(key)}`;
    if (Reflect.hasOwnMetadata(HANDLED_EVENT, method)) {
      throw new Error(`${handler} has two @OnEvent: give each event version a handler of its own`);
    }
    Reflect.defineMetadata(HANDLED_EVENT, definition, method);
    const extras: EventHandlerExtras = { definition, handler };
    EventPattern(eventPattern(definition), KAFKA_EVENT_TRANSPORT, extras)(target, key, descriptor);
    // Nest's own RPC filter would turn the error into { status: 'error' }: the consumer needs the original to
    // tell a retry from a dead letter
    UseFilters(new RethrowEventErrors())(target, key, descriptor);
  };
}
