import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { Kafka } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { EventDefinition, EventEnvelope } from '@microbank/contracts';
import { JsonLogger, runWithCorrelationId } from '@microbank/logging';
import { EventConsumer, type PartitionPosition } from './event-consumer';
import { EventContext } from './event-context';
import { CONSUMER_NAME, KAFKA_EVENT_TRANSPORT, type EventHandlerExtras } from './event-handler-metadata';
import { KAFKA, MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging.tokens';
import type { SqlExecutor, TransactionRunner } from './sql-client';
import { TopicNames } from './topic-names';

/** A consumer group of the transport's @OnEvent consumers. */
export interface ConsumerGroupInfo {
  readonly groupId: string;
  /** Real topic names, with the prefix. */
  readonly topics: readonly string[];
  /** Positions its running consumer finished; empty while stopped. */
  readonly finished: readonly PartitionPosition[];
}

/**
 * The Nest microservice transport for @OnEvent handlers: one EventConsumer (group
 * `<prefix>microbank.<service>.<name>`) per @EventConsumerName class, which keeps every guarantee of the
 * idempotent consumer. Connect it with `app.connectMicroservice({ strategy: app.get(KafkaEventTransport) })`.
 */
@Injectable()
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = KAFKA_EVENT_TRANSPORT;
  private readonly consumers: EventConsumer<EventDefinition, SqlExecutor>[] = [];

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
    private readonly topics: TopicNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Finishes the messages in hand, commits, and leaves the groups. */
  async close(): Promise<void> {
    await Promise.all(this.consumers.splice(0).map((consumer) => consumer.stop()));
  }

  /**
   * Stops the @OnEvent consumers as close() does, leaving the app running (a rebuild resets their groups meanwhile).
   */
  async stopConsumers(): Promise<void> {
    await this.close();
  }

  /** Starts the @OnEvent consumers again after stopConsumers(); they resume from their groups' committed offsets. */
  async startConsumers(): Promise<void> {
    if (this.consumers.length > 0) throw new Error('the event consumers are running already');
    try {
      await this.start();
    } catch (error) {
      // the consumers that did start would stay listed, and a second try would find them "running already"
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Every consumer group the transport runs (or would run when stopped), with its real topic names and, while it
   * runs, the positions its consumer finished (see EventConsumer.positions()).
   */
  consumerGroups(): ConsumerGroupInfo[] {
    return this.groupsToRun().map(({ groupId, topics }) => ({
      groupId,
      topics,
      finished: this.consumers.find((c) => c.groupId === groupId)?.positions() ?? [],
    }));
  }

  on(): never {
    throw new Error('KafkaEventTransport emits no events');
  }

  unwrap<T>(): T {
    return this.kafka as T;
  }

  private async start(): Promise<void> {
    this.refuseConsumersListedAsProviders();
    const database = this.moduleRef.get<TransactionRunner>(this.options.database, { strict: false });
    for (const { name, groupId, topics, handlers } of this.groupsToRun()) {
      const accepts = [...handlers.keys()];
      const consumer = new EventConsumer<EventDefinition, SqlExecutor>({
        kafka: this.kafka,
        groupId,
        topics,
        accepts,
        database,
        topicNames: this.topics,
        logger: new JsonLogger(this.options.service, name),
        handler: (event, tx, where) => {
          const definition = accepts.find((d) => d.type === event.type && d.version === event.version)!;
          const context = new EventContext(tx, where, event);
          // the handler's log lines carry the event's correlation id, as a request's carry the request's
          return runWithCorrelationId(event.correlationId, () => runHandler(handlers.get(definition)!, event, context));
        },
      });
      this.consumers.push(consumer); // before start, so close() also stops one that failed half-way
      await consumer.start();
    }
  }

  private groupsToRun(): {
    name: string;
    groupId: string;
    topics: string[];
    handlers: Map<EventDefinition, MessageHandler>;
  }[] {
    return [...this.handlersByConsumer()].map(([name, handlers]) => ({
      name,
      handlers,
      groupId: `${this.topics.prefix}microbank.${this.options.service}.${name}`,
      topics: [...new Set([...handlers.keys()].map((d) => this.topics.of(d.topic)))],
    }));
  }

  private handlersByConsumer(): Map<string, Map<EventDefinition, MessageHandler>> {
    const byConsumer = new Map<string, Map<EventDefinition, MessageHandler>>();
    for (const [pattern, handler] of this.getHandlers()) {
      const extras = handler.extras as Partial<EventHandlerExtras> | undefined;
      if (!extras?.definition || !extras.handler) {
        throw new Error(`the handler of ${pattern} is not an @OnEvent handler; KafkaEventTransport runs only those`);
      }
      if (!extras.consumer) {
        throw new Error(`${extras.handler} handles events but its class has no @EventConsumerName: name it for good`);
      }
      // Nest chains handlers of one pattern; here that means one consumer with two handlers of one event
      if (handler.next) throw new Error(`${extras.consumer} has two handlers of ${pattern}: keep one`);
      const handlers = byConsumer.get(extras.consumer) ?? new Map<EventDefinition, MessageHandler>();
      handlers.set(extras.definition, handler);
      byConsumer.set(extras.consumer, handlers);
    }
    return byConsumer;
  }

  // Nest microservices see controllers only: a named consumer left in `providers` would never consume
  private refuseConsumersListedAsProviders(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.metatype && Reflect.getMetadata(CONSUMER_NAME, wrapper.metatype)) {
        throw new Error(`${wrapper.name} is an event consumer: list it in its module's controllers, not providers`);
      }
    }
  }
}

async function runHandler(handler: MessageHandler, event: EventEnvelope, context: EventContext): Promise<void> {
  // Nest's handler resolves to an Observable when an interceptor or exception filter took part
  const result: unknown = await handler(event, context);
  if (!isObservable(result)) return;
  try {
    await lastValueFrom(result, { defaultValue: undefined });
  } catch (error) {
    if (error instanceof Error) throw error;
    throw new Error(`event handler failed: ${String((error as { message?: unknown } | null)?.message ?? error)}`);
  }
}
