import type { ConsumerConfig, Kafka } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { RestartingConsumer } from './restarting-consumer';

// Stands in for KafkaJS's consumer: what is tested is the lifecycle around it, not Kafka.
class FakeConsumer {
  readonly events = { CRASH: 'consumer.crash' };
  connected = false;
  running = false;
  everRan = false;
  config: ConsumerConfig | undefined;
  connectGate: Promise<void> = Promise.resolve();
  private crashListener: ((event: { payload: { error: Error; restart: boolean } }) => void) | undefined;
  private failRun: ((error: Error) => void) | undefined;

  on(_event: string, listener: (event: { payload: { error: Error; restart: boolean } }) => void) {
    this.crashListener = listener;
  }
  async connect() {
    await this.connectGate;
    this.connected = true;
  }
  async subscribe() {}
  run() {
    this.running = true;
    this.everRan = true;
    return new Promise<void>((_resolve, reject) => (this.failRun = reject));
  }
  async disconnect() {
    this.connected = false;
    this.running = false;
  }
  /** A crash as KafkaJS reports one it does not recover from: the event, then run()'s rejection. */
  crash(error = new Error('No broker available')) {
    this.crashListener?.({ payload: { error, restart: false } });
    this.failRun?.(error);
  }
  crashRetriably() {
    this.crashListener?.({ payload: { error: new Error('coordinator moved'), restart: true } });
  }
}

function consumerOn(created: FakeConsumer[], nextConnectGate?: Promise<void>) {
  const kafka = {
    consumer: (config: ConsumerConfig) => {
      const consumer = new FakeConsumer();
      consumer.config = config;
      if (nextConnectGate && created.length > 0) consumer.connectGate = nextConnectGate;
      created.push(consumer);
      return consumer;
    },
  } as unknown as Kafka;
  const crashes: string[] = [];
  const consumer = new RestartingConsumer({
    kafka,
    config: { groupId: 'test.group' },
    topics: ['test.topic'],
    run: { eachMessage: async () => undefined },
    onCrash: (error) => crashes.push(error.message),
    onRestartFailed: () => undefined,
  });
  return { consumer, crashes };
}

describe('RestartingConsumer', () => {
  it('replaces a consumer that crashed for good with a fresh one, once per crash', async () => {
    const created: FakeConsumer[] = [];
    const { consumer, crashes } = consumerOn(created);
    await consumer.start();
    created[0]!.crash();

    await vi.waitFor(() => expect(created[1]?.running).toBe(true));
    expect(created).toHaveLength(2);
    expect(crashes).toEqual(['No broker available']);
    await consumer.stop();
  });

  it('leaves a crash KafkaJS restarts from to KafkaJS', async () => {
    const created: FakeConsumer[] = [];
    const { consumer, crashes } = consumerOn(created);
    await consumer.start();
    created[0]!.crashRetriably();
    await consumer.stop();

    expect(created).toHaveLength(1);
    expect(crashes).toEqual([]);
  });

  it('starts no consumer after stop() when it was stopped during the backoff before a restart', async () => {
    const created: FakeConsumer[] = [];
    const { consumer } = consumerOn(created);
    await consumer.start();
    created[0]!.crash();
    await consumer.stop();

    expect(created).toHaveLength(1);
    expect(created[0]!.connected).toBe(false);
  });

  it('disconnects the replacement, which never runs, when stopped while the replacement connects', async () => {
    const created: FakeConsumer[] = [];
    let letConnect!: () => void;
    const { consumer } = consumerOn(created, new Promise<void>((resolve) => (letConnect = resolve)));
    await consumer.start();
    created[0]!.crash();
    await vi.waitFor(() => expect(created).toHaveLength(2));

    const stopped = consumer.stop();
    letConnect();
    await stopped;

    expect(created.map((c) => ({ connected: c.connected, everRan: c.everRan }))).toEqual([
      { connected: false, everRan: true },
      { connected: false, everRan: false },
    ]);
  });

  it('ignores a crash of a consumer it already replaced', async () => {
    const created: FakeConsumer[] = [];
    const { consumer, crashes } = consumerOn(created);
    await consumer.start();
    created[0]!.crash();
    await vi.waitFor(() => expect(created[1]?.running).toBe(true));
    created[0]!.crash(new Error('late news'));
    await consumer.stop();

    expect(created).toHaveLength(2);
    expect(crashes).toEqual(['No broker available']);
  });

  it('lets KafkaJS restart after a retriable crash while it runs, and not once stopped', async () => {
    const created: FakeConsumer[] = [];
    const { consumer } = consumerOn(created);
    await consumer.start();
    const restartOnFailure = created[0]!.config!.retry!.restartOnFailure!;

    expect(await restartOnFailure(new Error('coordinator moved'))).toBe(true);
    await consumer.stop();
    expect(await restartOnFailure(new Error('coordinator moved'))).toBe(false);
  });
});
