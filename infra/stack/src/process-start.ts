import net from 'node:net';
import type { ManagedProcess } from './managed-process';
import { StackError } from './stack-config';

/** How long `up` waits for a ZooKeeper quorum, or for every broker to register. */
export const START_TIMEOUT_MS = 180_000;

/** Starts a process unless ours is already running; refuses ports another program holds. */
export async function startIfStopped(proc: ManagedProcess, ports: readonly number[]): Promise<boolean> {
  if ((await proc.pid()) !== undefined) return false;
  for (const port of ports) {
    if (!(await isPortFree(port))) {
      throw new StackError(`Port ${port}, needed by ${proc.name}, is taken by another program.`);
    }
  }
  await proc.start();
  return true;
}

/** Ends a wait at once when a process it started has exited, with the end of its log. */
export async function failIfDied(started: readonly ManagedProcess[]): Promise<void> {
  for (const proc of started) {
    if ((await proc.pid()) === undefined) {
      throw new StackError(`${proc.name} exited during start-up; the end of ${proc.logFile}:`, await proc.logTail());
    }
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
