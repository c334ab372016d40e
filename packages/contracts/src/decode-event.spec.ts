import { describe, expect, it } from 'vitest';
import { createEvent } from './event-definition';
import { decodeEvent, PermanentEventError } from './decode-event';
import { AccountOpenedV1 } from './events/account-opened.v1';
import { UserSignedUpV1 } from './events/user-signed-up.v1';

const origin = { source: 'user', correlationId: 'req-1' } as const;
const signup = () => createEvent(UserSignedUpV1, UserSignedUpV1.example.userId, UserSignedUpV1.example, origin);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

function permanentReason(raw: Buffer | null): string {
  try {
    decodeEvent(raw, [UserSignedUpV1]);
  } catch (error) {
    if (error instanceof PermanentEventError) return error.reason;
    throw error;
  }
  throw new Error('decoded without error');
}

describe('decodeEvent, the schema-evolution rule', () => {
  it('delivers an accepted type and version with its typed payload', () => {
    const event = signup();
    const decoded = decodeEvent(encode(event), [UserSignedUpV1]);

    expect(decoded.kind).toBe('event');
    if (decoded.kind === 'event') {
      expect(decoded.event.payload.email).toBe('ada@example.com');
      expect(decoded.event.eventId).toBe(event.eventId);
    }
  });

  it('skips catalog events this consumer does not handle', () => {
    const opened = createEvent(AccountOpenedV1, AccountOpenedV1.example.accountId, AccountOpenedV1.example, {
      source: 'account',
      correlationId: 'req-2',
    });

    expect(decodeEvent(encode(opened), [UserSignedUpV1])).toEqual({
      kind: 'not-handled',
      type: 'AccountOpened',
      version: 1,
    });
  });

  it('rejects a version of a handled type that the consumer does not know', () => {
    expect(permanentReason(encode({ ...signup(), version: 2 }))).toBe('unknown-version');
  });

  it('rejects a type that no catalog knows', () => {
    expect(permanentReason(encode({ ...signup(), type: 'MoneyPrinted' }))).toBe('unknown-type');
  });

  it('rejects a payload that breaks its schema', () => {
    expect(
      permanentReason(encode({ ...signup(), payload: { ...UserSignedUpV1.example, email: 'not-an-email' } })),
    ).toBe('invalid-payload');
  });

  it('rejects an envelope with a missing or extra field', () => {
    const withoutId = Object.fromEntries(Object.entries(signup()).filter(([field]) => field !== 'eventId'));
    expect(permanentReason(encode(withoutId))).toBe('invalid-envelope');
    expect(permanentReason(encode({ ...signup(), sneaky: true }))).toBe('invalid-envelope');
  });

  it('rejects bytes that are not JSON, and an empty message', () => {
    expect(permanentReason(Buffer.from('{"eventId":'))).toBe('invalid-json');
    expect(permanentReason(null)).toBe('invalid-json');
  });
});

describe('createEvent', () => {
  it('refuses to build an event whose payload its own consumers would reject', () => {
    expect(() => createEvent(UserSignedUpV1, 'u-1', { ...UserSignedUpV1.example, country: 'Britain' }, origin)).toThrow(
      /ISO 3166-1/,
    );
  });

  it('links a caused event to its cause and keeps the correlation', () => {
    const cause = signup();
    const opened = createEvent(AccountOpenedV1, AccountOpenedV1.example.accountId, AccountOpenedV1.example, {
      source: 'account',
      correlationId: cause.correlationId,
      causationId: cause.eventId,
    });

    expect(opened.correlationId).toBe('req-1');
    expect(opened.causationId).toBe(cause.eventId);
    expect(opened.eventId).not.toBe(cause.eventId);
  });
});
