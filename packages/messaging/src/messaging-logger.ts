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

/** What the relay and consumers log through: @microbank/logging's JsonLogger in a service, anything alike in tests. */
export interface MessagingLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** For tests and tools that should stay quiet. */
export const silentLogger: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
