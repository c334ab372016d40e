import type { ChaosWorld } from './chaos-world';
import type { LoadGenerator } from './load-generator';

// under this load, commit-to-publish stays well under this; above it, events are held up
const LAG_LIMIT_MS = 3_000;
// with eight busy clients, some request sent in the last two seconds has always been answered by now
const SILENCE_LIMIT_MS = 2_000;
const INTERVAL_MS = 200;

/**
 * Watches the service from the moment of a fault: it is disrupted while the relay's lag is over 3 s, its
 * database cannot be read, or no request sent in the last 2 s has succeeded. Time to recover is when the
 * last disruption ended, counted from the fault (0 when nothing was disrupted).
 */
export class RecoveryMonitor {
  private lastDisruptedAt: number | undefined;
  private readonly timer: NodeJS.Timeout;
  private sampling: Promise<void> = Promise.resolve();

  constructor(
    private readonly world: ChaosWorld,
    private readonly load: LoadGenerator,
    private readonly faultAt: number,
  ) {
    this.timer = setInterval(() => {
      this.sampling = this.sampling.then(() => this.sample());
    }, INTERVAL_MS);
  }

  /** Stops watching; returns the time to recover in milliseconds. */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.sampling;
    return this.lastDisruptedAt === undefined ? 0 : this.lastDisruptedAt + INTERVAL_MS - this.faultAt;
  }

  private async sample(): Promise<void> {
    const now = Date.now();
    const status = await this.world.inspector.status().catch(() => undefined);
    const answered = this.load.lastSuccessSentAt >= now - SILENCE_LIMIT_MS;
    if (!status || status.lagMs > LAG_LIMIT_MS || !answered) this.lastDisruptedAt = now;
  }
}
