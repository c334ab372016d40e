import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text';

describe('plainText', () => {
  const name = plainText(20);

  it('trims, and takes letters of any script, punctuation and spaces', () => {
    expect(name.parse('  Café Zürich — 東京  ')).toBe('Café Zürich — 東京');
  });

  it('refuses control characters (a NUL PostgreSQL would reject), blanks and overlong text', () => {
    for (const text of ['A\u0000B', 'line\nbreak', 'tab\there', '   ', 'x'.repeat(21)]) {
      expect(name.safeParse(text).success).toBe(false);
    }
  });
});
