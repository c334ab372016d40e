import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from '@microbank/testing';
import type { MessagingTestEnv } from './messaging-test-env';

/** A relay running in a child process (from the built package), which a test can SIGKILL. */
export class RelayProcess {
  readonly signals: string[] = [];
  private exit: Promise<NodeJS.Signals | null>;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message) => this.signals.push(message as string));
    this.exit = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  }

  static start(env: MessagingTestEnv, options: { crashAfterPublish: boolean }): RelayProcess {
    const config = { databaseUrl: env.database.url, brokers: env.stack.kafka.brokers, ...options };
    const child = fork(path.join(__dirname, 'fixtures', 'relay-process.cjs'), [JSON.stringify(config)], {
      stdio: 'inherit',
    });
    const relay = new RelayProcess(child);
    env.onCleanup(() => relay.kill());
    return relay;
  }

  async waitFor(signal: 'active' | 'published'): Promise<void> {
    await waitFor(() => this.signals.includes(signal), {
      timeoutMs: 60_000,
      intervalMs: 50,
      what: `the relay process to be ${signal}`,
    });
  }

  /** Resolves with the signal that ended the process. */
  exited(): Promise<NodeJS.Signals | null> {
    return this.exit;
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exit;
  }
}
