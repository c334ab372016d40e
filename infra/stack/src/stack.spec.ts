import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JavaProcesses } from './java-processes';
import { KafkaCluster } from './kafka-cluster';
import { ManagedProcess } from './managed-process';
import { PostgresServer } from './postgres-server';
import type { ServiceDatabase } from './postgres';
import { SERVICES, databaseOf, roleOf, type ServiceName } from './services';
import { Stack } from './stack';
import { loadStackConfig } from './stack-config';
import { StackLayout } from './stack-layout';
import { StackLock } from './stack-lock';
import { TopicProvisioner } from './topic-provisioner';
import { ZooKeeperEnsemble } from './zookeeper-ensemble';

// A temporary stack dir whose PID files point at stand-ins this test spawns, never at the real stack; the lite
// profile's markers keep them apart from the full stack other engineers run. The start steps themselves are
// stubbed: they would talk to the fixed ports that stack holds.
describe('which stack an up() may stop again', () => {
  let stackDir: string;
  let stack: Stack;
  const standIns: ManagedProcess[] = [];

  beforeEach(async () => {
    stackDir = await mkdtemp(path.join(tmpdir(), 'stack-'));
    stack = new Stack(loadStackConfig({ MICROBANK_STACK_DIR: stackDir, MICROBANK_PROFILE: 'lite' }));
    vi.spyOn(JavaProcesses.prototype, 'prepare').mockResolvedValue();
    vi.spyOn(ZooKeeperEnsemble.prototype, 'start').mockResolvedValue();
    vi.spyOn(KafkaCluster.prototype, 'start').mockResolvedValue();
    vi.spyOn(TopicProvisioner.prototype, 'provision').mockResolvedValue();
    vi.spyOn(PostgresServer.prototype, 'start').mockResolvedValue({
      adminUrl: 'postgresql://postgres:secret@127.0.0.1:55432/postgres',
      services: Object.fromEntries(
        SERVICES.map((service) => [
          service,
          { service, database: databaseOf(service), role: roleOf(service), url: 'postgresql://127.0.0.1/x' },
        ]),
      ) as Record<ServiceName, ServiceDatabase>,
    });
  });

  afterEach(async () => {
    for (const standIn of standIns.splice(0)) await standIn.kill().catch(() => undefined);
    vi.restoreAllMocks();
    await rm(stackDir, { recursive: true, force: true });
  });

  /** A live process in the PID file of the stack's process `name`, as another `pnpm stack up` leaves it. */
  async function runningElsewhere(name: string): Promise<void> {
    const { marker } = (await stack.process(name)).spec;
    const layout = new StackLayout(stackDir, 'lite');
    const standIn = new ManagedProcess(
      {
        name,
        command: process.execPath,
        args: ['-e', 'setTimeout(() => {}, 120_000)', '--', marker],
        cwd: stackDir,
        marker,
      },
      layout.runDir,
      layout.logDir,
    );
    await standIn.start();
    standIns.push(standIn);
  }

  it('claims the stack when its up found none of the processes running', async () => {
    await stack.up();

    expect(stack.startedFromNothing).toBe(true);
  });

  it('claims nothing of a stack that is still starting, before it has written its connections', async () => {
    await runningElsewhere('zk-1');
    await runningElsewhere('kafka-1');

    await stack.up();

    expect(stack.startedFromNothing).toBe(false);
  });

  it('claims nothing after waiting for another up that started the processes meanwhile', async () => {
    let holding!: () => void;
    const otherHoldsTheLock = new Promise<void>((resolve) => (holding = resolve));
    const otherUp = new StackLock(stackDir).withLock(async () => {
      holding();
      await runningElsewhere('zk-1');
      await runningElsewhere('kafka-1');
      await runningElsewhere('postgres');
    });
    await otherHoldsTheLock;

    await Promise.all([otherUp, stack.up()]);

    expect(stack.startedFromNothing).toBe(false);
  });
});
