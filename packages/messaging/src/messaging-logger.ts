/** Structured fields every publish and handle log line carries where known. */
export interface LogFields {
  readonly eventId?: string;
  readonly eventType?: string;
  readonly correlationId?: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: string;
  readonly [field: string]: unknown;
}

export interface MessagingLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** One JSON object per line on stdout, the format the services log in. */
export class JsonLogger implements MessagingLogger {
  constructor(private readonly context: string) {}

  info(message: string, fields?: LogFields): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.write('error', message, fields);
  }

  private write(level: string, message: string, fields?: LogFields): void {
    process.stdout.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, context: this.context, message, ...fields })}\n`,
    );
  }
}

/** For tests and tools that should stay quiet. */
export const silentLogger: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
