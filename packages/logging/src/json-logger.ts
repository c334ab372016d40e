import type { LoggerService, LogLevel } from '@nestjs/common';
import { correlationIdOrUndefined } from './correlation-context';

/** Fields of one structured line; `message` and `level` are the logger's. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * One JSON object per line on stdout: time, level, service, context, message, the correlation id of the
 * request being served, and the caller's fields. Nest's logger, the relay's and the consumers' alike.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly context?: string,
  ) {}

  info(message: string, fields: LogFields = {}): void {
    this.event('info', message, fields);
  }

  /** Structured fields for one line. */
  event(level: LogLevel | 'info', message: string, fields: LogFields = {}): void {
    this.emit(level, message, this.context, fields);
  }

  // Nest's LoggerService: (message, ...optionalParams, context?) — or (message, fields) from our own code
  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }

  private write(level: string, message: unknown, rest: unknown[]): void {
    if (typeof message === 'string' && rest.length === 1 && isFields(rest[0])) {
      return this.emit(level, message, this.context, rest[0]);
    }
    // Nest passes the context (a class name) last
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : this.context;
    const fields = isFields(message) ? message : { message };
    this.emit(level, undefined, context, { ...fields, ...(rest.length ? { details: rest.map(String) } : {}) });
  }

  private emit(level: string, message: string | undefined, context: string | undefined, fields: LogFields): void {
    const line = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...(context ? { context } : {}),
      ...(message ? { message } : {}),
      correlationId: correlationIdOrUndefined(),
      ...fields,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

function isFields(value: unknown): value is LogFields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error);
}
