import { CURRENCIES, envelopeSchema, type Currency } from '@microbank/contracts';
import type { Paint, Style } from '@microbank/logging';
import { DeadLetterHeaders } from './kafka-headers';

/** A Kafka record as `pnpm events tail` shows it. */
export interface TailedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

const TYPE_STYLES: readonly Style[] = ['cyan', 'green', 'magenta', 'blue', 'yellow', 'cyanBright', 'greenBright'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAYLOAD_LENGTH = 240;

/**
 * One line per record: when, where, the event's type and version in its own colour, the aggregate and
 * correlation ids shortened, and the payload with money written as money. A dead letter also says why it died.
 */
export function formatEventRecord(record: TailedRecord, paint: Paint): string {
  const where = paint('gray', `${record.topic}[${record.partition}]@${record.offset}`);
  const deadLetter = record.topic.endsWith('.dlt');
  const text = record.value?.toString('utf8') ?? '';
  const envelope = envelopeSchema.safeParse(parseJson(text));
  if (!envelope.success) {
    return `${paint('gray', '--:--:--.---')} ${where} ${paint('red', 'not a Microbank event')} ${shorten(text)}`;
  }
  const event = envelope.data;
  const reason = record.headers[DeadLetterHeaders.reason];
  return [
    paint('gray', event.occurredAt.slice(11, 23)),
    where,
    paint(deadLetter ? 'red' : typeStyle(event.type), `${event.type} v${event.version}`),
    ...(deadLetter ? [paint('red', `dead letter${reason ? ` (${reason})` : ''}`)] : []),
    `${paint('gray', 'aggregate')} ${shortId(event.aggregateId)}`,
    `${paint('gray', 'correlation')} ${shortId(event.correlationId)}`,
    shorten(JSON.stringify(readable(event.payload))),
  ].join('  ');
}

/** The same colour for the same event type on every line and every run. */
export function typeStyle(type: string): Style {
  const hash = [...type].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) >>> 0, 7);
  return TYPE_STYLES[hash % TYPE_STYLES.length]!;
}

// money as "12.99 GBP", ids as their first eight characters: what a person scanning a feed looks for
function readable(value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? shortId(value) : value;
  if (Array.isArray(value)) return value.map(readable);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (
    typeof object.amountMinor === 'string' &&
    typeof object.currency === 'string' &&
    Object.hasOwn(CURRENCIES, object.currency)
  ) {
    return formatMoney(object.amountMinor, object.currency as Currency);
  }
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, readable(inner)]));
}

function formatMoney(amountMinor: string, currency: Currency): string {
  const digits = CURRENCIES[currency];
  const negative = amountMinor.startsWith('-');
  const units = (negative ? amountMinor.slice(1) : amountMinor).padStart(digits + 1, '0');
  const major = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return `${negative ? '-' : ''}${major} ${currency}`;
}

function shortId(id: string): string {
  return UUID.test(id) ? `${id.slice(0, 8)}…` : id;
}

function shorten(text: string): string {
  return text.length > MAX_PAYLOAD_LENGTH ? `${text.slice(0, MAX_PAYLOAD_LENGTH - 1)}…` : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
