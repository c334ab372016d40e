import { describe, expect, it } from 'vitest';
import { freezeReason } from './fraud';

describe('freezeReason', () => {
  it('names the alert by its description', () => {
    expect(freezeReason('5 card payments abroad within 10 minutes')).toBe(
      'Fraud alert: 5 card payments abroad within 10 minutes',
    );
  });

  it('cuts a long description to 500 characters, ending with an ellipsis', () => {
    const reason = freezeReason('x'.repeat(500));
    expect(reason).toHaveLength(500);
    expect(reason).toBe(`Fraud alert: ${'x'.repeat(486)}…`);
  });

  it('keeps a description that just fits whole', () => {
    expect(freezeReason('x'.repeat(487))).toHaveLength(500);
    expect(freezeReason('x'.repeat(487)).endsWith('x')).toBe(true);
  });

  it('never splits a character made of two UTF-16 units', () => {
    // the cut at 499 units falls between the two halves of the 243rd emoji: it goes whole
    expect(freezeReason(`a${'🙂'.repeat(249)}`)).toBe(`Fraud alert: a${'🙂'.repeat(242)}…`);
  });
});
