import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
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
 * NOTIFY on commit, whichever instance consumed it. LISTEN needs its own connection (the pool's are shared). If
 * that connection is down, a waiter simply waits out its window and the caller re-reads the row: slower, never wrong.
 */
@Injectable()
export class AuthorizationOutcomes implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuthorizationOutcomes.name);
  private readonly waiters = new Map<string, Set<() => void>>();
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private stopped = false;

  constructor(@InjectConfig() private readonly config: CardConfig) {}

  async onModuleInit(): Promise<void> {
    await this.connect().catch((error: unknown) => this.lost(undefined, error));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const wakeAll of this.waiters.values()) for (const wake of wakeAll) wake();
    await this.client?.end().catch(() => undefined);
  }

  /**
   * Starts listening for `id` now, before the change that triggers the answer commits, so no answer slips past.
   * The caller waits on it (at most some ms) and must cancel it when done, answered or not.
   */
  expect(id: string): Expectation {
    if (!this.client && !this.stopped) void this.connect().catch((error: unknown) => this.lost(undefined, error));
    let wake!: () => void;
    const answered = new Promise<void>((resolve) => (wake = resolve));
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

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      const client = new Client({
        connectionString: this.config.DATABASE_URL,
        application_name: 'card-authorization-outcomes',
        // a silently dropped connection must surface in seconds, not after the OS's two hours
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
      });
      client.on('notification', ({ payload }) => {
        for (const wake of this.waiters.get(payload ?? '') ?? []) wake();
      });
      client.on('error', (error) => this.lost(client, error));
      try {
        await client.connect();
        await client.query(`LISTEN ${OUTCOME_CHANNEL}`);
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      if (this.stopped) return void (await client.end().catch(() => undefined));
      this.client = client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Drops a broken listener (only the current one: a late error from an old client changes nothing). */
  private lost(client: Client | undefined, error: unknown): void {
    if (this.stopped || (client && client !== this.client)) return;
    this.logger.warn(
      `no LISTEN connection for authorization outcomes; calls wait out their window: ${(error as Error).message}`,
    );
    void this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
