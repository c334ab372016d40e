import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Reporter } from './reporter';
import { ServiceSupervisor } from './service-supervisor';

// a stand-in service: answers /health/ready on PORT, and exits with CRASH_CODE at once when that is set
const FAKE_SERVICE = `
const code = process.env.CRASH_CODE;
if (code) process.exit(Number(code));
require('node:http').createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;

class RecordingReporter implements Reporter {
  readonly lines: string[] = [];
  step<T>(_title: string, work: (progress: (detail: string) => void) => Promise<T>): Promise<T> {
    return work(() => undefined);
  }
  info(line: string): void {
    this.lines.push(line);
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ServiceSupervisor', () => {
  let repoRoot: string;
  let supervisor: ServiceSupervisor | undefined;

  afterEach(async () => {
    vi.useRealTimers();
    await supervisor?.stop();
    await rm(repoRoot, { recursive: true, force: true });
  });

  async function fakeRepo(): Promise<string> {
    repoRoot = await mkdtemp(path.join(tmpdir(), 'supervisor-'));
    for (const name of ['user', 'account']) {
      await mkdir(path.join(repoRoot, 'services', name, 'dist'), { recursive: true });
      await writeFile(path.join(repoRoot, 'services', name, 'dist', 'main.js'), FAKE_SERVICE);
    }
    return repoRoot;
  }

  it('names a killed service, restarts it, and leaves the others running', async () => {
    const reporter = new RecordingReporter();
    supervisor = new ServiceSupervisor(await fakeRepo(), ['user', 'account'], reporter, {
      ports: { user: await freePort(), account: await freePort() },
      echoLogs: false,
      restartBaseMs: 100,
    });
    supervisor.start();
    await supervisor.waitUntilReady();
    const [user, account] = supervisor.services();

    account!.child.kill('SIGKILL');

    await vi.waitFor(() => expect(reporter.lines).toContain('✓ the account service is back (restart 1)'), 10_000);
    expect(reporter.lines.find((line) => line.startsWith('✗'))).toMatch(
      /^✗ the account service was killed by SIGKILL after \d+\.\ds; restarting it in 0\.1s \(restart 1\); the other services keep running$/,
    );
    const [userNow, accountNow] = supervisor.services();
    expect(userNow!.child.pid).toBe(user!.child.pid);
    expect(accountNow!.child.pid).not.toBe(account!.child.pid);
    expect((await fetch(`${accountNow!.url}/health/ready`)).ok).toBe(true);
  });

  it('waits twice as long before each restart of a service that keeps dying, up to the cap', async () => {
    const reporter = new RecordingReporter();
    supervisor = new ServiceSupervisor(await fakeRepo(), ['account'], reporter, {
      ports: { account: await freePort() },
      env: { account: { CRASH_CODE: '3' } },
      echoLogs: false,
      restartBaseMs: 100,
      restartCapMs: 400,
    });
    supervisor.start();

    await vi.waitFor(() => expect(reporter.lines.length).toBeGreaterThanOrEqual(5), 10_000);
    const delays = reporter.lines
      .slice(0, 5)
      .map((line) => /exited with code 3 .* in ([\d.]+)s \(restart (\d)\)/.exec(line));
    expect(delays.map((match) => [match?.[1], match?.[2]])).toEqual([
      ['0.1', '1'],
      ['0.2', '2'],
      ['0.4', '3'],
      ['0.4', '4'],
      ['0.4', '5'],
    ]);
  });

  it('cancels a pending restart on stop()', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const reporter = new RecordingReporter();
    supervisor = new ServiceSupervisor(await fakeRepo(), ['account'], reporter, {
      ports: { account: await freePort() },
      env: { account: { CRASH_CODE: '1' } },
      echoLogs: false,
      restartBaseMs: 5_000,
    });
    supervisor.start();
    await vi.waitFor(() => expect(reporter.lines).toHaveLength(1), 10_000);
    const crashed = supervisor.services()[0]!;

    await supervisor.stop();
    vi.runAllTimers(); // the restart's moment comes and goes

    expect(supervisor.services()).toEqual([crashed]);
    expect(crashed.child.exitCode).toBe(1);
  });

  it('stops at once while a service killed by a signal waits for its restart', async () => {
    const reporter = new RecordingReporter();
    supervisor = new ServiceSupervisor(await fakeRepo(), ['account'], reporter, {
      ports: { account: await freePort() },
      echoLogs: false,
      restartBaseMs: 60_000,
    });
    supervisor.start();
    await supervisor.waitUntilReady();
    supervisor.services()[0]!.child.kill('SIGKILL');
    await vi.waitFor(() => expect(reporter.lines).toHaveLength(1), 10_000);

    await supervisor.stop(); // the killed child has a signal code and no exit code: no exit event is coming

    expect(supervisor.services()[0]!.child.signalCode).toBe('SIGKILL');
  });
});
