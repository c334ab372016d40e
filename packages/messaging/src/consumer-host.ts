import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModuleRef, Reflector } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import { JsonLogger } from '@microbank/logging';
import type { EventDefinition } from '@microbank/contracts';
import { EventConsumer } from './event-consumer';
import { CONSUMER_NAME, HANDLES_EVENTS } from './handles-events.decorator';
import { KAFKA, MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging.tokens';
import { OutboxRelay } from './outbox-relay';
import type { SqlExecutor, TransactionRunner } from './sql-client';
import { TopicNames } from './topic-names';

type Handler = (event: unknown, tx: SqlExecutor, context: unknown) => Promise<void>;

/** Starts the relay and one EventConsumer per provider with @HandlesEvents methods; stops them on shutdown. */
@Injectable()
export class ConsumerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumers: EventConsumer<EventDefinition, SqlExecutor>[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly relay: OutboxRelay,
    private readonly topics: TopicNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    const database = this.moduleRef.get<TransactionRunner>(this.options.database, { strict: false });
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const handlers = new Map<EventDefinition, Handler>();
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const fn = instance[method] as Handler;
        const definitions = this.reflector.get<EventDefinition[] | undefined>(HANDLES_EVENTS, fn);
        for (const definition of definitions ?? []) handlers.set(definition, fn.bind(instance));
      }
      if (handlers.size === 0) continue;
      const name = this.reflector.get<string | undefined>(CONSUMER_NAME, instance.constructor);
      if (!name) {
        throw new Error(`${instance.constructor.name} handles events but has no @EventConsumerName: name it for good`);
      }
      const groupId = `${this.topics.prefix}microbank.${this.options.service}.${name}`;
      const accepts = [...handlers.keys()];
      const consumer = new EventConsumer<EventDefinition, SqlExecutor>({
        kafka: this.kafka,
        groupId,
        topics: [...new Set(accepts.map((d) => this.topics.of(d.topic)))],
        accepts,
        database,
        topicNames: this.topics,
        logger: new JsonLogger(this.options.service, name),
        handler: (event, tx, context) =>
          handlers.get(accepts.find((d) => d.type === event.type && d.version === event.version)!)!(event, tx, context),
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.relay.stop();
  }
}
