import type { EventDefinition, EventOf } from './event-definition';
import { EVENT_CATALOG } from './event-catalog';
import { envelopeSchema } from './envelope';

export type PermanentReason =
  'invalid-json' | 'invalid-envelope' | 'unknown-type' | 'unknown-version' | 'invalid-payload';

/** A message that can never be processed, however often it is retried: it belongs in the dead-letter topic. */
export class PermanentEventError extends Error {
  constructor(
    readonly reason: PermanentReason,
    message: string,
  ) {
    super(`${reason}: ${message}`);
    this.name = 'PermanentEventError';
  }
}

export type Decoded<D extends EventDefinition> =
  | { readonly kind: 'event'; readonly definition: D; readonly event: EventOf<D> }
  // another consumer's event on a shared topic: acknowledged and skipped
  | { readonly kind: 'not-handled'; readonly type: string; readonly version: number };

/**
 * The schema-evolution rule, in code. A consumer lists the event versions it accepts:
 * - an accepted type and version whose payload matches its schema is delivered;
 * - a type the consumer does not handle but the catalog knows is skipped (topics carry several types);
 * - an accepted type at a version the consumer does not know, a type no catalog knows, invalid JSON,
 *   an invalid envelope or an invalid payload are permanent errors: dead-lettered, never retried.
 */
export function decodeEvent<D extends EventDefinition>(
  raw: Buffer | string | null,
  accepted: readonly D[],
): Decoded<D> {
  let json: unknown;
  try {
    json = JSON.parse(raw === null ? '' : raw.toString());
  } catch (error) {
    throw new PermanentEventError('invalid-json', (error as Error).message);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new PermanentEventError('invalid-envelope', describeIssues(envelope.error.issues));
  const { type, version } = envelope.data;

  const definition = accepted.find((d) => d.type === type && d.version === version);
  if (!definition) {
    if (accepted.some((d) => d.type === type)) {
      const known = accepted.filter((d) => d.type === type).map((d) => `v${d.version}`);
      throw new PermanentEventError('unknown-version', `${type} v${version} (this consumer knows ${known.join(', ')})`);
    }
    if (!EVENT_CATALOG.some((d) => d.type === type)) {
      throw new PermanentEventError('unknown-type', `${type} is not in the event catalog`);
    }
    return { kind: 'not-handled', type, version };
  }
  const payload = definition.payload.safeParse(envelope.data.payload);
  if (!payload.success) {
    throw new PermanentEventError('invalid-payload', `${type} v${version}: ${describeIssues(payload.error.issues)}`);
  }
  return { kind: 'event', definition, event: { ...envelope.data, payload: payload.data } as EventOf<D> };
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}
