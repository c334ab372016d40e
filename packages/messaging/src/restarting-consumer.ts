import type { Consumer, ConsumerConfig, ConsumerRunConfig, Kafka } from 'kafkajs';
import { backoffMs, pause } from './backoff';

export interface RestartingConsumerOptions {
  readonly kafka: Kafka;
  readonly config: ConsumerConfig;
  readonly topics: readonly string[];
  readonly run: ConsumerRunConfig;
  /** Told about a crash KafkaJS does not recover from, and about each failed attempt to start a fresh consumer. */
  readonly onCrash: (error: Error) => void;
  readonly onRestartFailed: (error: Error, attempt: number) => void;
}

/**
 * A KafkaJS consumer that is replaced by a fresh one after a crash KafkaJS does not restart itself from, until it
 * is stopped. `stop()` cancels a pending restart and disconnects whichever consumer is current when it returns:
 * nothing joins the group after it, so a group can be waited empty or deleted.
 */
export class RestartingConsumer {
  private readonly stopping = new AbortController();
  private consumer: Consumer | undefined;
  private restarting: Promise<void> | undefined;

  constructor(private readonly options: RestartingConsumerOptions) {}

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Connects, subscribes and starts consuming; joining the group goes on in the background. */
  async start(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      ...this.options.config,
      // KafkaJS restarts a consumer after a retriable crash by itself, on a timer stop() cannot reach: not once stopped
      retry: { ...this.options.config.retry, restartOnFailure: () => Promise.resolve(!this.stopped) },
    });
    this.consumer = consumer;
    let crashed = false;
    const onCrash = (error: Error) => {
      // one crash can arrive twice (a CRASH event and run()'s rejection); a replaced consumer's crash is old news
      if (crashed || this.stopped || consumer !== this.consumer) return;
      crashed = true;
      this.options.onCrash(error);
      this.restarting = this.restart();
    };
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // KafkaJS restarts itself after retriable crashes; the others would leave the consumer deaf
      if (!payload.restart) onCrash(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    if (this.stopped) return; // stop() disconnects it; running now would join the group after the stop
    // not awaited: after a crash, joining waits out the dead member's session, and the service should answer
    // meanwhile; a failure to join arrives as a crash like any other
    void consumer.run(this.options.run).catch(onCrash);
  }

  /** Cancels a pending restart, lets the message in hand finish, commits, and leaves the group. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.restarting;
    await this.consumer?.disconnect();
  }

  // a restart ends once its consumer runs; only that consumer's crash starts the next, so one runs at a time
  private async restart(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      await pause(backoffMs(attempt, 500, 15_000), this.stopping.signal);
      if (this.stopped) return;
      try {
        await this.consumer?.disconnect().catch(() => undefined);
        await this.start();
        return;
      } catch (error) {
        this.options.onRestartFailed(error as Error, attempt);
      }
    }
  }
}
