import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Stack, loadStackConfig, waitFor, type StackConnections } from '@microbank/stack';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runningDemoServices, takeDemoDataSnapshot } from './demo-data-snapshot';
import { setup, teardown } from './global-setup';

// the demo data check talks to the real stack's topics and databases: stood in for here
vi.mock('./demo-data-snapshot', () => ({
  runningDemoServices: vi.fn(),
  takeDemoDataSnapshot: vi.fn(),
}));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A temporary stack dir whose PID files point at stand-ins this test spawns, never at the real stack; the
// lite profile's markers keep them apart from the full stack other engineers run.
describe('the test run’s global setup', () => {
  let stackDir: string;
  const standIns: number[] = [];

  beforeEach(async () => {
    stackDir = await mkdtemp(path.join(tmpdir(), 'global-setup-'));
    vi.stubEnv('MICROBANK_STACK_DIR', stackDir);
    vi.stubEnv('MICROBANK_PROFILE', 'lite');
    vi.stubEnv('MICROBANK_KAFKA_BROKERS', undefined);
    vi.stubEnv('MICROBANK_POSTGRES_ADMIN_URL', undefined);
    // the setup's progress lines, which a test run shows and this test does not need
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    vi.clearAllMocks();
    vi.mocked(runningDemoServices).mockResolvedValue([]);
    vi.mocked(takeDemoDataSnapshot).mockResolvedValue({
      offsets: { 'banking.signups/0': '12' },
      groups: {},
      tables: {},
    });
  });

  afterEach(async () => {
    for (const pid of standIns.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    process.exitCode = undefined;
    await rm(stackDir, { recursive: true, force: true });
  });

  /** A live process in the PID file of the stack's process `name`. */
  async function running(name: string): Promise<number> {
    const proc = await new Stack(loadStackConfig()).process(name);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120_000)', '--', proc.spec.marker], {
      detached: true,
      stdio: 'ignore',
    });
    await once(child, 'spawn');
    child.unref();
    standIns.push(child.pid!);
    const runDir = path.join(stackDir, 'lite', 'run');
    await mkdir(runDir, { recursive: true });
    await writeFile(path.join(runDir, `${name}.pid`), `${child.pid}\n`);
    return child.pid!;
  }

  /** up() without the start steps, which would talk to the real stack's ports (stack.spec.ts covers its claim). */
  function stubUp(): void {
    vi.spyOn(Stack.prototype, 'up').mockResolvedValue({ profile: 'lite' } as StackConnections);
  }

  it('leaves a stack that another terminal is still starting running when the run ends', async () => {
    // `pnpm stack up` elsewhere has started these and not yet written connections.json
    const zookeeper = await running('zk-1');
    const broker = await running('kafka-1');
    stubUp();

    await setup();
    await teardown();

    expect({ zookeeper: isAlive(zookeeper), broker: isAlive(broker) }).toEqual({ zookeeper: true, broker: true });
  });

  it('stops the stack when this run’s up started all of it', async () => {
    const zookeeper = await running('zk-1');
    const broker = await running('kafka-1');
    stubUp();
    vi.spyOn(Stack.prototype, 'startedFromNothing', 'get').mockReturnValue(true);

    await setup();
    await teardown();

    // a stopped stand-in is this process's child: it stays visible until Node has reaped it
    await waitFor(() => !isAlive(zookeeper) && !isAlive(broker), { timeoutMs: 10_000, intervalMs: 20 }).catch(
      () => undefined,
    );
    expect({ zookeeper: isAlive(zookeeper), broker: isAlive(broker) }).toEqual({ zookeeper: false, broker: false });
  });

  it('fails the run when the tests changed the demo’s topics or databases', async () => {
    stubUp();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await setup();
    vi.mocked(takeDemoDataSnapshot).mockResolvedValue({
      offsets: { 'banking.signups/0': '14' },
      groups: {},
      tables: {},
    });

    await teardown();

    expect(process.exitCode).toBe(1);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('banking.signups/0: end offset 12 → 14'));
  });

  it('lets the run pass when the demo’s data is as it was', async () => {
    stubUp();
    await setup();

    await teardown();

    expect(process.exitCode).toBeUndefined();
  });

  it('skips the check while the demo services run, since their own traffic changes the data', async () => {
    stubUp();
    vi.mocked(runningDemoServices).mockResolvedValue(['user']);
    await setup();
    vi.mocked(takeDemoDataSnapshot).mockResolvedValue({
      offsets: { 'banking.signups/0': '14' },
      groups: {},
      tables: {},
    });

    await teardown();

    expect(process.exitCode).toBeUndefined();
    expect(takeDemoDataSnapshot).not.toHaveBeenCalled();
  });
});
