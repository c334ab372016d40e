import { describe, expect, it } from 'vitest';
import { colours, noColours, paintFor } from './paint';

describe('paintFor', () => {
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;

  it('colours a terminal, not a pipe, and honours NO_COLOR and FORCE_COLOR', () => {
    expect(paintFor(tty, {})).toBe(colours);
    expect(paintFor(pipe, {})).toBe(noColours);
    expect(paintFor(tty, { NO_COLOR: '1' })).toBe(noColours);
    expect(paintFor(pipe, { FORCE_COLOR: '1' })).toBe(colours);
  });
});
