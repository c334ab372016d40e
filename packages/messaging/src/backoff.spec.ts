import { describe, expect, it } from 'vitest';
import { backoffMs, pause } from './backoff';

describe('backoffMs', () => {
  it('doubles per attempt within jitter bounds and stops at the cap', () => {
    for (let i = 0; i < 50; i++) {
      expect(backoffMs(1, 100, 10_000)).toBeGreaterThanOrEqual(50);
      expect(backoffMs(1, 100, 10_000)).toBeLessThanOrEqual(100);
      expect(backoffMs(4, 100, 10_000)).toBeGreaterThanOrEqual(400);
      expect(backoffMs(4, 100, 10_000)).toBeLessThanOrEqual(800);
      expect(backoffMs(40, 100, 10_000)).toBeLessThanOrEqual(10_000);
    }
  });
});

describe('pause', () => {
  it('wakes as soon as shutdown aborts it', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const paused = pause(60_000, abort.signal);
    abort.abort();
    await paused;

    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
