import { type Paint, type Style } from '@microbank/logging';

const SERVICE_STYLES: readonly Style[] = ['cyan', 'magenta', 'blue', 'green', 'yellow', 'cyanBright', 'magentaBright'];
const LEVEL_STYLES: Readonly<Record<string, Style>> = {
  fatal: 'red',
  error: 'red',
  warn: 'yellow',
  info: 'green',
  log: 'green',
  debug: 'gray',
  verbose: 'gray',
};
// what the line's head already shows, or what only a machine wants
const SHOWN_ELSEWHERE = new Set(['time', 'level', 'service', 'context', 'message']);
const MAX_VALUE_LENGTH = 160;

/** A stable colour per service name, so each service keeps its colour across restarts. */
export function serviceStyle(service: string, order: readonly string[]): Style {
  const index = order.indexOf(service);
  const at = index >= 0 ? index : [...service].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  return SERVICE_STYLES[at % SERVICE_STYLES.length]!;
}

/**
 * One of a service's JSON log lines as a person reads it: time, service, level, context and message, then the
 * remaining fields as key=value, and a stack trace (Nest's `details`) on the lines below. A line that is not a JSON
 * object is shown as it came.
 */
export function formatLogLine(prefix: string, line: string, paint: Paint): string {
  const entry = parseObject(line);
  if (!entry) return `${prefix}${line}`;
  const level = typeof entry.level === 'string' ? entry.level : 'info';
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const context = typeof entry.context === 'string' ? `${entry.context}: ` : '';
  const message = typeof entry.message === 'string' ? printable(entry.message) : '';
  const traces = traceLines(entry);
  const fields = Object.entries(entry)
    .filter(([key, value]) => !SHOWN_ELSEWHERE.has(key) && !traces.has(key) && value !== undefined && value !== null)
    .map(([key, value]) => `${paint('gray', `${key}=`)}${fieldText(value)}`);
  const head = [
    paint('gray', time),
    prefix + paint(LEVEL_STYLES[level] ?? 'white', level.toUpperCase().padEnd(5)),
    paint('gray', context) + (level === 'error' || level === 'fatal' ? paint('red', message) : message),
    ...fields,
  ]
    .filter((part) => part !== '')
    .join(' ');
  const trace = [...traces.values()].flat().map((l) => `${' '.repeat(13)}${paint('gray', `  ${l}`)}`);
  return [head, ...trace].join('\n');
}

// a stack trace (a `stack` field, or the one Nest passes in `details`) reads best below the line, as printed
function traceLines(entry: Record<string, unknown>): Map<string, string[]> {
  const traces = new Map<string, string[]>();
  for (const key of ['stack', 'details']) {
    const texts = ([] as unknown[]).concat(entry[key]).filter((t): t is string => typeof t === 'string');
    if (texts.some((t) => t.includes('\n')))
      traces.set(
        key,
        texts.flatMap((t) => t.split('\n')),
      );
  }
  return traces;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function fieldText(value: unknown): string {
  const text =
    typeof value === 'string' ? (/[\s"=\p{Cc}]/u.test(value) ? JSON.stringify(value) : value) : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

// a logged value must not drive the terminal: control characters (an ESC above all) are shown escaped
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => JSON.stringify(c).slice(1, -1));
}
