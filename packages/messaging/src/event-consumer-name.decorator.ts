import { Controller, SetMetadata } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { EventDefinition } from '@microbank/contracts';
import { CONSUMER_NAME, HANDLED_EVENT, KAFKA_EVENT_TRANSPORT, eventPattern } from './event-handler-metadata';

/**
 * Makes a `*.consumer.ts` class a Kafka consumer (a Nest controller: list it in its module's `controllers`)
 * and names it for good: the name is its Kafka consumer group and its key in the inbox, so it must outlive
 * refactorings (a new name would read every topic from the beginning with an empty inbox).
 */
export function EventConsumerName(name: string): ClassDecorator {
  return (target) => {
    Controller()(target);
    SetMetadata(CONSUMER_NAME, name)(target);
    // method decorators ran first: narrow each @OnEvent pattern to this consumer
    const prototype = target.prototype as object;
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key)!;
      const definition = Reflect.getMetadata(HANDLED_EVENT, descriptor.value as object) as EventDefinition | undefined;
      if (!definition) continue;
      EventPattern(eventPattern(definition, name), KAFKA_EVENT_TRANSPORT, { consumer: name })(
        prototype,
        key,
        descriptor,
      );
    }
  };
}
