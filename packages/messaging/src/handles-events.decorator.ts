import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '@microbank/contracts';

export const HANDLES_EVENTS = 'microbank:handles-events';

/**
 * Marks a method of a `*.consumer.ts` provider as the handler for these event versions. The method gets
 * `(event, tx, context)` and runs inside the transaction that also records the event in the inbox.
 */
export const HandlesEvents = (...definitions: EventDefinition[]) => SetMetadata(HANDLES_EVENTS, definitions);
