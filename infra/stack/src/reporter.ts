/** Progress output for long steps: a line when a step starts, a heartbeat while it runs, a line when it ends. */
export interface Reporter {
  step<T>(title: string, work: (progress: (detail: string) => void) => Promise<T>): Promise<T>;
  info(line: string): void;
}

export class ConsoleReporter implements Reporter {
  constructor(
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly heartbeatMs = 10_000,
  ) {}

  async step<T>(title: string, work: (progress: (detail: string) => void) => Promise<T>): Promise<T> {
    const started = Date.now();
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
    let detail = '';
    this.out.write(`▸ ${title}\n`);
    const heartbeat = setInterval(() => {
      this.out.write(`  … ${detail || 'still working'} (${elapsed()})\n`);
    }, this.heartbeatMs);
    try {
      const result = await work((next) => (detail = next));
      this.out.write(`✓ ${title} (${elapsed()})\n`);
      return result;
    } catch (error) {
      this.out.write(`✗ ${title} (${elapsed()})\n`);
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  info(line: string): void {
    this.out.write(`${line}\n`);
  }
}

/** For tests and library callers that want no output. */
export class SilentReporter implements Reporter {
  step<T>(_title: string, work: (progress: (detail: string) => void) => Promise<T>): Promise<T> {
    return work(() => undefined);
  }

  info(): void {}
}
