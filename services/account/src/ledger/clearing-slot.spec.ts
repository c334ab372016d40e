import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLEARING_SLOTS, clearingSlotOf } from './clearing-slot';

describe('the clearing slot of an account', () => {
  it('is always the same for one account', () => {
    const id = randomUUID();
    expect(clearingSlotOf(id)).toBe(clearingSlotOf(id));
  });

  it('spreads accounts over every slot, none with more than twice its share', () => {
    const counts = new Array<number>(CLEARING_SLOTS).fill(0);
    for (let i = 0; i < 16_000; i++) counts[clearingSlotOf(randomUUID())]!++;
    expect(Math.min(...counts)).toBeGreaterThan(500);
    expect(Math.max(...counts)).toBeLessThan(2_000);
  });
});
