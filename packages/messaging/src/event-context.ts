import { BaseRpcContext } from '@nestjs/microservices';
import { originOf, type EventEnvelope, type Origin } from '@microbank/contracts';
import type { MessageContext } from './event-consumer';
import type { SqlExecutor } from './sql-client';

/**
 * What an @OnEvent handler gets with `@Ctx()`: the transaction to write through, where the event sat in Kafka,
 * and the origin to pass on to every change and event the handler makes.
 */
export class EventContext<Tx extends SqlExecutor = SqlExecutor> extends BaseRpcContext<[Tx, MessageContext, Origin]> {
  /** The transaction that also records the event in the inbox: a write outside it is not exactly-once. */
  readonly tx: Tx;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The incoming event's correlation id, and the event itself as the cause. */
  readonly origin: Origin;

  constructor(tx: Tx, where: MessageContext, event: EventEnvelope) {
    const origin = originOf(event);
    super([tx, where, origin]);
    this.tx = tx;
    this.topic = where.topic;
    this.partition = where.partition;
    this.offset = where.offset;
    this.origin = origin;
  }
}
