import type { LoggerService, LogLevel } from '@nestjs/common';
import { correlationIdOrUndefined } from './correlation';

/** Nest's logger as one JSON object per line, carrying the request's correlation id. */
export class JsonLogger implements LoggerService {
  constructor(private readonly service: string) {}

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

  /** Structured fields for one line, e.g. from the request log. */
  event(level: LogLevel | 'info', message: string, fields: Record<string, unknown>): void {
    this.emit(level, message, undefined, fields);
  }

  private write(level: string, message: unknown, rest: unknown[]): void {
    // Nest passes the context (a class name) last
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const fields = message !== null && typeof message === 'object' ? (message as Record<string, unknown>) : { message };
    this.emit(level, undefined, context, { ...fields, ...(rest.length ? { details: rest.map(String) } : {}) });
  }

  private emit(
    level: string,
    message: string | undefined,
    context: string | undefined,
    fields: Record<string, unknown>,
  ): void {
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
