import { describe, expect, it } from 'vitest';
import { Prng } from './prng';

const draws = (seed: number) => {
  const prng = new Prng(seed);
  return Array.from({ length: 5 }, () => prng.next());
};

describe('Prng', () => {
  it('draws the same sequence from the same seed, and another from another seed', () => {
    expect(draws(7)).toEqual(draws(7));
    expect(draws(8)).not.toEqual(draws(7));
  });

  it('keeps integers and bigints within their bounds, both ends reachable', () => {
    const prng = new Prng(1);
    const ints = Array.from({ length: 2_000 }, () => prng.int(3, 6));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
    const bigs = Array.from({ length: 2_000 }, () => prng.bigint(10n, 12n));
    expect(new Set(bigs)).toEqual(new Set([10n, 11n, 12n]));
  });

  it('shuffles into a permutation of the same items', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const shuffled = new Prng(3).shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('picks by weight', () => {
    const prng = new Prng(5);
    const picks = Array.from({ length: 4_000 }, () => prng.weighted({ often: 3, seldom: 1, never: 0 }));
    const often = picks.filter((p) => p === 'often').length;
    expect(often / picks.length).toBeGreaterThan(0.7);
    expect(often / picks.length).toBeLessThan(0.8);
    expect(picks).not.toContain('never');
  });
});
