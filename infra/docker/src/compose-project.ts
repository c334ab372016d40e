import { runCommand, type CommandResult } from './run-command';

export interface ComposeProjectOptions {
  /** The compose project name: containers, networks and volumes are prefixed with it. */
  readonly name: string;
  readonly composeFile: string;
  /** The secrets and base images (.env's shape). */
  readonly envFile: string;
  /** Variables that win over the env file, e.g. other host ports. */
  readonly env: Readonly<Record<string, string>>;
}

/** `docker compose` for one project, with its own name, env file and overrides. */
export class ComposeProject {
  constructor(private readonly options: ComposeProjectOptions) {}

  get name(): string {
    return this.options.name;
  }

  run(
    args: readonly string[],
    options: { signal?: AbortSignal; echo?: boolean; allowFailure?: boolean } = {},
  ): Promise<CommandResult> {
    const { name, composeFile, envFile, env } = this.options;
    return runCommand('docker', ['compose', '-p', name, '-f', composeFile, '--env-file', envFile, ...args], {
      ...options,
      env: { ...process.env, ...env },
    });
  }

  /** The containers and their state, one line each. */
  async states(): Promise<string> {
    const { output } = await this.run(['ps', '-a', '--format', '{{.Service}}\t{{.State}}\t{{.Status}}'], {
      allowFailure: true,
    });
    return output.trim();
  }
}
