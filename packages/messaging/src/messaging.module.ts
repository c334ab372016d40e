import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Kafka, logLevel } from 'kafkajs';
import { JsonLogger } from '@microbank/logging';
import { ConsumerHost } from './consumer-host';
import { KafkaReadiness } from './kafka-readiness';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';
import { KAFKA, MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging.tokens';
import { TopicNames } from './topic-names';

/** Outbox writer and relay, and one idempotent consumer per provider with @HandlesEvents methods. */
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
        ConsumerHost,
        KafkaReadiness,
      ],
      exports: [OutboxWriter, TopicNames, KAFKA, KafkaReadiness],
    };
  }
}
