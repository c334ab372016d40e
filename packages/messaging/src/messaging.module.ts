import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Kafka, logLevel } from 'kafkajs';
import { JsonLogger } from '@microbank/logging';
import { KafkaEventTransport } from './kafka-event-transport';
import { kafkaLogCreator } from './kafka-log';
import { KafkaReadiness } from './kafka-readiness';
import { OutboxRelay } from './outbox-relay';
import { OutboxRelayLifecycle } from './outbox-relay-lifecycle';
import { OutboxWriter } from './outbox-writer';
import { KAFKA, MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging.tokens';
import { TopicNames } from './topic-names';

/**
 * Outbox writer and relay (running while the app runs), and KafkaEventTransport, which an app connects as a
 * microservice to run its @OnEvent handlers.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: TopicNames, useValue: new TopicNames(options.topicPrefix) },
        {
          provide: KAFKA,
          useFactory: () =>
            new Kafka({
              clientId: `microbank-${options.service}`,
              brokers: [...options.brokers],
              logLevel: logLevel.WARN,
              logCreator: kafkaLogCreator(options.service),
            }),
        },
        { provide: OutboxWriter, useFactory: (topics: TopicNames) => new OutboxWriter(topics), inject: [TopicNames] },
        {
          provide: OutboxRelay,
          useFactory: (kafka: Kafka) =>
            new OutboxRelay({
              databaseUrl: options.databaseUrl,
              kafka,
              service: options.service,
              logger: new JsonLogger(options.service, 'outbox-relay'),
            }),
          inject: [KAFKA],
        },
        OutboxRelayLifecycle,
        KafkaEventTransport,
        KafkaReadiness,
      ],
      exports: [OutboxWriter, TopicNames, KAFKA, KafkaReadiness, KafkaEventTransport],
    };
  }
}
