import { spawn } from 'node:child_process';

export interface CommandOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Print each output line, indented, as it comes (long builds); otherwise only a failure shows the output. */
  readonly echo?: boolean;
  /** Kills the command (SIGTERM) when it aborts. */
  readonly signal?: AbortSignal;
  /** Resolve with the exit code instead of rejecting when it is not 0. */
  readonly allowFailure?: boolean;
}

export interface CommandResult {
  readonly code: number;
  readonly output: string;
}

/** Thrown for a command that exited with a status other than 0; carries the end of its output. */
export class CommandFailed extends Error {
  constructor(command: string, code: number, output: string) {
    super(`${command} exited with ${code}\n${output.split('\n').slice(-40).join('\n')}`);
    this.name = 'CommandFailed';
  }
}

/** Runs a program (no shell) and collects its stdout and stderr, interleaved. */
export function runCommand(
  program: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let output = '';
    let pending = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      if (!options.echo) return;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) console.log(`    ${line}`);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) => {
      if (options.echo && pending) console.log(`    ${pending}`);
      const status = code ?? 1;
      if (status !== 0 && !options.allowFailure) {
        reject(new CommandFailed([program, ...args].join(' '), status, output));
        return;
      }
      resolve({ code: status, output });
    });
  });
}
