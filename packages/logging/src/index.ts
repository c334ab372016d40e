export { JsonLogger } from './json-logger';
export type { LogFields } from './json-logger';
export { runWithCorrelationId, correlationIdOrUndefined } from './correlation-context';
export { colours, noColours, paintFor } from './paint';
export type { Paint, Style } from './paint';
