import { Client } from 'pg';

export interface NotificationListenerOptions {
  readonly connectionString: string;
  readonly channel: string;
  /** Names the connection in pg_stat_activity. */
  readonly applicationName: string;
  readonly onNotification: (payload: string) => void;
  /** After every (re)connection: a notification sent while no connection listened is lost, so look again. */
  readonly onListening?: () => void;
  /** The connection is gone (or could not be made); it is tried again, after 1 s, then longer, up to `maxRetryMs`. */
  readonly onLost?: (error: Error) => void;
  readonly maxRetryMs?: number;
}

const FIRST_RETRY_MS = 1_000;

/**
 * LISTEN on one channel, on a connection of its own (a pool's connections are shared and come and go), made
 * again after it drops. Callers must not depend on every notification arriving: they re-read on `onListening`.
 */
export class NotificationListener {
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;

  constructor(private readonly options: NotificationListenerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`not a plain channel name: ${options.channel}`);
  }

  /** Resolves once listening, or after the first attempt failed (it keeps retrying). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName,
      // a silently dropped connection must surface in seconds, not after the OS's two hours
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // a server that drops packets must not hold a service's start for the OS's connect timeout
      connectionTimeoutMillis: 5_000,
    });
    client.on('notification', ({ payload }) => this.options.onNotification(payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.lost(undefined, error as Error);
      return;
    }
    if (this.stopped) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    this.options.onListening?.();
  }

  private lost(client: Client | undefined, error: Error): void {
    if (this.stopped || (client && client !== this.client)) return;
    this.client = undefined;
    void client?.end().catch(() => undefined);
    this.options.onLost?.(error);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 30_000);
  }
}
