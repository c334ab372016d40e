/** One finished step of a run: what it did and how long it took. */
export interface StepTiming {
  readonly name: string;
  readonly seconds: number;
  readonly ok: boolean;
}

/** Thrown when a step runs past its time limit. */
export class StepTimeout extends Error {
  constructor(name: string, timeoutMs: number) {
    super(`'${name}' did not finish within ${timeoutMs / 1000}s`);
    this.name = 'StepTimeout';
  }
}

/** What a step's work gets: a progress printer, and a signal that aborts once the step's time is up. */
export interface StepContext {
  readonly progress: (line: string) => void;
  readonly signal: AbortSignal;
}

/** Runs the steps of a long job one at a time, each bounded by a timeout, printing progress and timings. */
export class TimedSteps {
  readonly timings: StepTiming[] = [];
  private readonly started = Date.now();

  async run<T>(name: string, timeoutMs: number, work: (step: StepContext) => Promise<T>): Promise<T> {
    const started = Date.now();
    console.log(`\n▶ ${name}`);
    const progress = (line: string) => console.log(`  ${line}`);
    // the signal stops the step's commands (they are spawned with it); the race ends the wait for the rest
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new StepTimeout(name, timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      const result = await Promise.race([work({ progress, signal: controller.signal }), timeout]);
      this.record(name, started, true);
      return result;
    } catch (error) {
      this.record(name, started, false);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The table printed at the end, with the whole run's time. */
  summary(): string {
    const width = Math.max(...this.timings.map((t) => t.name.length), 10);
    const lines = this.timings.map(
      (t) => `  ${t.ok ? '✓' : '✗'} ${t.name.padEnd(width)}  ${t.seconds.toFixed(1).padStart(7)}s`,
    );
    const total = (Date.now() - this.started) / 1000;
    return [...lines, `    ${'total'.padEnd(width)}  ${total.toFixed(1).padStart(7)}s`].join('\n');
  }

  private record(name: string, started: number, ok: boolean): void {
    const seconds = (Date.now() - started) / 1000;
    this.timings.push({ name, seconds, ok });
    console.log(`  ${ok ? '✓' : '✗'} ${name} (${seconds.toFixed(1)}s)`);
  }
}
