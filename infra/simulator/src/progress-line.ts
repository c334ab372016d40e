export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** a terminal's width */
  readonly columns?: number;
}

export interface ProgressCounts {
  readonly phase: string;
  readonly elapsedMs: number;
  readonly requests: number;
  readonly customers: number;
  readonly payments: number;
  readonly patternsInjected: number;
  readonly patternsPlanned: number;
  readonly alerts: number;
}

/** One line of progress: on a terminal rewritten in place every second, elsewhere a new line every few seconds. */
export class ProgressLine {
  private timer: NodeJS.Timeout | undefined;
  private lastRequests = 0;
  private lastAt = 0;
  private written = false;

  constructor(
    private readonly out: Output,
    private readonly counts: () => ProgressCounts,
  ) {}

  start(): void {
    this.lastAt = Date.now();
    this.timer = setInterval(() => this.show(), this.out.isTTY ? 1_000 : 5_000);
    this.timer.unref();
  }

  /** Shows the line once more and leaves it on screen; once. */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.show();
    if (this.out.isTTY && this.written) this.out.write('\n');
  }

  private show(): void {
    const counts = this.counts();
    const now = Date.now();
    const perSecond = ((counts.requests - this.lastRequests) * 1_000) / Math.max(1, now - this.lastAt);
    [this.lastRequests, this.lastAt] = [counts.requests, now];
    const line = formatProgress(counts, perSecond);
    // cut to the terminal's width: a wrapped line could not be rewritten in place
    const fits = line.slice(0, Math.max(20, (this.out.columns ?? 80) - 1));
    this.out.write(this.out.isTTY ? `\r\x1b[2K${fits}` : `${line}\n`);
    this.written = true;
  }
}

export function formatProgress(c: ProgressCounts, perSecond: number): string {
  return [
    `${c.phase.padEnd(8)} ${(c.elapsedMs / 1_000).toFixed(0).padStart(3)} s  ${perSecond.toFixed(1).padStart(4)} req/s`,
    `${c.customers} customers`,
    `${c.payments} payments`,
    `${c.patternsInjected}/${c.patternsPlanned} patterns`,
    `${c.alerts} alerts`,
  ].join(' · ');
}
