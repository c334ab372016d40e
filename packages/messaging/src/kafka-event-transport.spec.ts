import 'reflect-metadata';
import { Controller, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { TransactionPostedV1, type EventOf } from '@microbank/contracts';
import { EventConsumerName } from './event-consumer-name.decorator';
import { KafkaEventTransport } from './kafka-event-transport';
import { MessagingModule } from './messaging.module';
import { OnEvent } from './on-event.decorator';

type Posted = EventOf<typeof TransactionPostedV1>;

@EventConsumerName('freeze-accounts')
class FreezeAccountsConsumer {
  @OnEvent(TransactionPostedV1)
  async onPosted(@Payload() event: Posted): Promise<void> {
    await Promise.resolve(event);
  }
}

@EventConsumerName('notify-customers')
class NotifyCustomersConsumer {
  @OnEvent(TransactionPostedV1)
  async onPosted(@Payload() event: Posted): Promise<void> {
    await Promise.resolve(event);
  }
}

@Controller()
class UnnamedConsumer {
  @OnEvent(TransactionPostedV1)
  async onPosted(@Payload() event: Posted): Promise<void> {
    await Promise.resolve(event);
  }
}

// nothing here reaches Kafka or a database: the transport refuses these setups before it connects
async function appWith(classes: { controllers?: Type[]; providers?: Type[] }): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      MessagingModule.forRoot({
        service: 'account',
        databaseUrl: 'postgresql://unused@127.0.0.1:1/unused',
        brokers: ['127.0.0.1:1'],
        database: 'DATABASE',
      }),
    ],
    controllers: classes.controllers ?? [],
    providers: [{ provide: 'DATABASE', useValue: {} }, ...(classes.providers ?? [])],
  })
  class TestModule {}
  const app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
  app.connectMicroservice({ strategy: app.get(KafkaEventTransport) });
  return app;
}

describe('KafkaEventTransport', () => {
  let app: NestFastifyApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('keeps two consumers of one event apart: a handler each, named by its consumer', async () => {
    app = await appWith({ controllers: [FreezeAccountsConsumer, NotifyCustomersConsumer] });
    const handlers = [...app.get(KafkaEventTransport).getHandlers().values()];

    expect(handlers.map((h) => (h.extras as { consumer: string }).consumer).sort()).toEqual([
      'freeze-accounts',
      'notify-customers',
    ]);
    expect(handlers.every((h) => !h.next)).toBe(true);
  });

  it('names the consumer groups it runs and their topics, before it runs them (a rebuild resets them)', async () => {
    app = await appWith({ controllers: [FreezeAccountsConsumer, NotifyCustomersConsumer] });
    const groups = app.get(KafkaEventTransport).consumerGroups();

    expect(groups.sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([
      { groupId: 'microbank.account.freeze-accounts', topics: ['banking.transactions'], finished: [] },
      { groupId: 'microbank.account.notify-customers', topics: ['banking.transactions'], finished: [] },
    ]);
  });

  it('refuses to start a handler whose class has no lasting consumer name', async () => {
    app = await appWith({ controllers: [UnnamedConsumer] });

    await expect(app.startAllMicroservices()).rejects.toThrow(
      'UnnamedConsumer.onPosted handles events but its class has no @EventConsumerName',
    );
  });

  it('refuses to start when a named consumer is listed as a provider, where Nest would never run it', async () => {
    app = await appWith({ providers: [FreezeAccountsConsumer] });

    await expect(app.startAllMicroservices()).rejects.toThrow(
      "FreezeAccountsConsumer is an event consumer: list it in its module's controllers",
    );
  });

  it('refuses two @OnEvent on one method', () => {
    expect(() => {
      class Twice {
        @OnEvent(TransactionPostedV1)
        @OnEvent(TransactionPostedV1)
        async onPosted(@Payload() event: Posted): Promise<void> {
          await Promise.resolve(event);
        }
      }
      return Twice;
    }).toThrow('Twice.onPosted has two @OnEvent');
  });
});
