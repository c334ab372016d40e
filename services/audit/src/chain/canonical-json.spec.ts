import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts keys at every depth and leaves out whitespace, so key order does not change the text', () => {
    const a = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    const b = { a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 };

    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('keeps array order, which is meaning', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('writes dates as ISO strings with milliseconds, bigints as strings, and drops undefined members', () => {
    expect(canonicalJson({ at: new Date('2026-05-01T09:30:00Z'), n: 12n, gone: undefined })).toBe(
      '{"at":"2026-05-01T09:30:00.000Z","n":"12"}',
    );
  });

  it('escapes strings as JSON does, unicode included', () => {
    expect(canonicalJson({ 'é"': 'line\nbreak ✓' })).toBe('{"é\\"":"line\\nbreak ✓"}');
  });

  it('refuses what JSON cannot hold rather than hash something ambiguous', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/NaN/);
    expect(() => canonicalJson(() => 1)).toThrow(/function/);
  });
});
