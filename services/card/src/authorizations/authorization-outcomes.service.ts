import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { NotificationListener } from '@microbank/database';
import { InjectConfig } from '@microbank/service-kit';
import type { CardConfig } from '../config';
import { OUTCOME_CHANNEL } from './authorizations.repository';

/** One request's wait for one answer. */
export interface Expectation {
  /** Resolves on the answer, or after `ms`: the caller re-reads the row either way. */
  wait(ms: number): Promise<void>;
  cancel(): void;
}

/**
 * Lets a request wait for the saga step it started: the event handler that records the account's answer sends a
 * NOTIFY on commit, whichever instance consumed it. If the LISTEN connection is down (it is made again), a waiter
 * simply waits out its window and the caller re-reads the row: slower, never wrong.
 */
@Injectable()
export class AuthorizationOutcomes implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuthorizationOutcomes.name);
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly listener: NotificationListener;
  private stopped = false;

  constructor(@InjectConfig() config: CardConfig) {
    this.listener = new NotificationListener({
      connectionString: config.DATABASE_URL,
      channel: OUTCOME_CHANNEL,
      applicationName: 'card-authorization-outcomes',
      onNotification: (id) => {
        for (const wake of this.waiters.get(id) ?? []) wake();
      },
      onLost: (error) =>
        this.logger.warn(
          `no LISTEN connection for authorization outcomes; calls wait out their window: ${error.message}`,
        ),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const wakeAll of this.waiters.values()) for (const wake of wakeAll) wake();
    await this.listener.stop();
  }

  /**
   * Starts listening for `id` now, before the change that triggers the answer commits, so no answer slips past.
   * The caller waits on it (at most some ms) and must cancel it when done, answered or not.
   */
  expect(id: string): Expectation {
    let wake!: () => void;
    const answered = new Promise<void>((resolve) => (wake = resolve));
    if (this.stopped) wake();
    const set = this.waiters.get(id) ?? new Set();
    set.add(wake);
    this.waiters.set(id, set);
    return {
      wait: async (ms) => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([answered, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
        clearTimeout(timer);
      },
      cancel: () => {
        set.delete(wake);
        if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
      },
    };
  }
}
