import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('keeps items oldest first until it is full', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.toArray()).toEqual([]);
    ring.push(1);
    ring.push(2);
    expect(ring.toArray()).toEqual([1, 2]);
    expect(ring.size).toBe(2);
  });

  it('drops the oldest item for each one pushed onto a full buffer', () => {
    const ring = new RingBuffer<number>(3);
    const dropped = [1, 2, 3, 4, 5, 6, 7].map((i) => ring.push(i));
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(dropped).toEqual([undefined, undefined, undefined, 1, 2, 3, 4]);
    expect(ring.size).toBe(3);
  });

  it('returns what came after a mark, and undefined once the mark has been dropped', () => {
    const ring = new RingBuffer<string>(3);
    for (const id of ['a', 'b', 'c']) ring.push(id);
    expect(ring.after((id) => id === 'a')).toEqual(['b', 'c']);
    expect(ring.after((id) => id === 'c')).toEqual([]);
    ring.push('d');
    expect(ring.after((id) => id === 'a')).toBeUndefined();
    expect(ring.after((id) => id === 'b')).toEqual(['c', 'd']);
  });

  it('refuses a capacity that could hold nothing', () => {
    expect(() => new RingBuffer(0)).toThrow('capacity');
    expect(() => new RingBuffer(1.5)).toThrow('capacity');
  });
});
