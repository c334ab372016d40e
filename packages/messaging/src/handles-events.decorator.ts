import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '@microbank/contracts';

export const HANDLES_EVENTS = 'microbank:handles-events';

/**
 * Marks a method of a `*.consumer.ts` provider as the handler for these event versions. The method gets
 * `(event, tx, context)` and runs inside the transaction that also records the event in the inbox.
 */
export const HandlesEvents = (...definitions: EventDefinition[]) => SetMetadata(HANDLES_EVENTS, definitions);

export const CONSUMER_NAME = 'microbank:consumer-name';

/**
 * Names a consumer class for good: the name is its Kafka consumer group and its key in the inbox, so it must
 * outlive refactorings (a new name would read every topic from the beginning with an empty inbox).
 */
export const EventConsumerName = (name: string) => SetMetadata(CONSUMER_NAME, name);
