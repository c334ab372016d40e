import {
  spawnService,
  stopServices,
  waitUntilReady,
  type RunningService,
  type StartServicesOptions,
} from './dev-services';
import type { Reporter } from './reporter';
import type { AppName } from './services';

export interface SupervisorOptions extends StartServicesOptions {
  /** The first restart waits this long, each further one twice as long, up to restartCapMs. */
  readonly restartBaseMs?: number;
  readonly restartCapMs?: number;
  /** A service that ran this long before it died starts again from restartBaseMs. */
  readonly stableAfterMs?: number;
}

/**
 * Runs the services for `pnpm dev` as a supervisor does: a service that dies is named, reported and started again
 * after a growing pause, while the others keep running. Only stop() ends them.
 */
export class ServiceSupervisor {
  private readonly current = new Map<AppName, RunningService>();
  private readonly restarts = new Map<AppName, number>();
  private readonly pending = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(
    private readonly repoRoot: string,
    private readonly names: readonly AppName[],
    private readonly reporter: Reporter,
    private readonly options: SupervisorOptions = {},
  ) {}

  /** The services as they run now (a restarted one has a new child process). */
  services(): RunningService[] {
    return [...this.current.values()];
  }

  start(): void {
    for (const name of this.names) this.launch(name);
  }

  /**
   * Waits until every service answered ready once. One that does not within two minutes is reported and left to
   * the supervision: the others are usable meanwhile.
   */
  async waitUntilReady(): Promise<void> {
    for (const name of this.names) {
      await this.reporter
        .step(`waiting for the ${name} service`, () => waitUntilReady(this.current.get(name)!))
        .catch(() => this.reporter.info(`  the ${name} service is not ready yet; see its lines above`));
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.pending) clearTimeout(timer);
    await stopServices(this.services());
  }

  private launch(name: AppName): void {
    const startedAt = Date.now();
    const service = spawnService(this.repoRoot, name, this.options);
    this.current.set(name, service);
    service.child.once('exit', (code, signal) => this.exited(name, Date.now() - startedAt, code, signal));
  }

  private exited(name: AppName, ranMs: number, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const { restartBaseMs = 1_000, restartCapMs = 30_000, stableAfterMs = 60_000 } = this.options;
    const restart = ranMs >= stableAfterMs ? 1 : (this.restarts.get(name) ?? 0) + 1;
    this.restarts.set(name, restart);
    const delayMs = Math.min(restartCapMs, restartBaseMs * 2 ** (restart - 1));
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    this.reporter.info(
      `✗ the ${name} service ${how} after ${seconds(ranMs)}; restarting it in ${seconds(delayMs)} ` +
        `(restart ${restart}); the other services keep running`,
    );
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (this.stopping) return;
      this.launch(name);
      this.reportWhenBack(name, restart);
    }, delayMs);
    this.pending.add(timer);
  }

  private reportWhenBack(name: AppName, restart: number): void {
    const service = this.current.get(name)!;
    const died = () => {
      if (service.child.exitCode !== null || service.child.signalCode !== null) throw new Error('exited');
    };
    waitUntilReady(service, { onPending: died }).then(
      () => this.reporter.info(`✓ the ${name} service is back (restart ${restart})`),
      () => undefined, // it died again or stayed silent: its exit is reported when it comes
    );
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
