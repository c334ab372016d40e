import { spawn } from 'node:child_process';
import { cp, mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from './run-command';

const COMPOSE_VERSION = 'v2.40.3';
const COMPOSE_MODULE = `github.com/docker/compose/v2@${COMPOSE_VERSION}`;
// what `docker compose version` prints; a plain `go build` leaves it at "dev"
const COMPOSE_VERSION_VARIABLE = 'github.com/docker/compose/v2/internal.Version';
const COMPOSE_PLUGIN = '/usr/local/lib/docker/cli-plugins/docker-compose';

/**
 * The Docker engine and Compose v2 on this machine, installed and started when missing: Debian's docker.io (its
 * engine answers `docker info`), and Compose v2 built from its Go module (Debian ships only the v1 `docker-compose`).
 * An engine started here is stopped again by `stop()`; one that was already running is left alone.
 */
export class DockerEngine {
  private dockerd: number | undefined;

  constructor(private readonly logDir: string) {}

  /** True when this run started the daemon (and so stops it). */
  get startedHere(): boolean {
    return this.dockerd !== undefined;
  }

  async ensureRunning(progress: (line: string) => void, signal: AbortSignal): Promise<void> {
    if (await this.answers()) {
      progress('the engine answers');
      return;
    }
    if ((await runCommand('sh', ['-c', 'command -v dockerd'], { allowFailure: true })).code !== 0) {
      progress('installing docker.io with apt-get');
      await runCommand('apt-get', ['update', '-qq'], { signal });
      await runCommand('apt-get', ['install', '-y', '-qq', 'docker.io'], {
        signal,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    }
    progress(`starting dockerd (log: ${path.join(this.logDir, 'dockerd.log')})`);
    await mkdir(this.logDir, { recursive: true });
    const log = await open(path.join(this.logDir, 'dockerd.log'), 'a');
    const child = spawn('dockerd', [], { detached: true, stdio: ['ignore', log.fd, log.fd] });
    child.unref();
    await log.close();
    this.dockerd = child.pid;
    while (!(await this.answers())) {
      if (signal.aborted) throw signal.reason;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    progress(`dockerd runs as PID ${this.dockerd}`);
  }

  async ensureCompose(progress: (line: string) => void, signal: AbortSignal): Promise<void> {
    // only v2 is a `docker compose` plugin (v1 is the separate `docker-compose`)
    const version = await runCommand('docker', ['compose', 'version', '--short'], { allowFailure: true });
    if (version.code === 0) {
      progress(`Compose ${version.output.trim()}`);
      return;
    }
    progress(`building Compose v2 from ${COMPOSE_MODULE} (about 5 minutes)`);
    const download = await runCommand('go', ['mod', 'download', '-json', COMPOSE_MODULE], { signal });
    const { Dir: moduleDir } = JSON.parse(download.output) as { Dir: string };
    const source = path.join(this.logDir, 'compose-src');
    await rm(source, { recursive: true, force: true });
    // the module cache is read-only; `go build` needs a writable copy
    await cp(moduleDir, source, { recursive: true });
    await runCommand('chmod', ['-R', 'u+w', source]);
    await mkdir(path.dirname(COMPOSE_PLUGIN), { recursive: true });
    await runCommand(
      'go',
      ['build', '-ldflags', `-X ${COMPOSE_VERSION_VARIABLE}=${COMPOSE_VERSION}`, '-o', COMPOSE_PLUGIN, './cmd'],
      {
        cwd: source,
        signal,
      },
    );
    await rm(source, { recursive: true, force: true });
    progress(`installed ${COMPOSE_PLUGIN}`);
  }

  /** Stops the daemon this run started (by its PID) and waits for it to exit. */
  async stop(): Promise<void> {
    const pid = this.dockerd;
    if (pid === undefined) return;
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 60 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 500));
    this.dockerd = undefined;
  }

  private async answers(): Promise<boolean> {
    return (await runCommand('docker', ['info', '--format', '{{.ServerVersion}}'], { allowFailure: true })).code === 0;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
