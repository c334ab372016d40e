import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './request-hash';

describe('the idempotency request hash', () => {
  it('is the same for the same body with keys in another order', () => {
    const a = requestHash('POST /v1/transfers', { amountMinor: '100', currency: 'EUR', reference: 'x' });
    const b = requestHash('POST /v1/transfers', { reference: 'x', currency: 'EUR', amountMinor: '100' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when the body or the operation differs', () => {
    const body = { amountMinor: '100', currency: 'EUR' };
    const base = requestHash('POST /v1/accounts/1/deposits', body);
    expect(requestHash('POST /v1/accounts/1/deposits', { ...body, amountMinor: '101' })).not.toBe(base);
    expect(requestHash('POST /v1/accounts/1/withdrawals', body)).not.toBe(base);
    expect(requestHash('POST /v1/accounts/2/deposits', body)).not.toBe(base);
  });

  it('sorts nested objects and ignores undefined fields', () => {
    expect(canonicalJson({ b: { d: 1, c: [2, { f: 1, e: 0 }] }, a: undefined })).toBe(
      '{"b":{"c":[2,{"e":0,"f":1}],"d":1}}',
    );
  });
});
