import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value that is neither false nor undefined', async () => {
    let calls = 0;
    const result = await waitFor(() => (++calls < 3 ? false : { calls }), { timeoutMs: 1_000, intervalMs: 1 });

    expect(result).toEqual({ calls: 3 });
  });

  it('treats a throwing check as not yet and reports its last error on timeout', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('broker not reachable');
        },
        { timeoutMs: 20, intervalMs: 5, what: 'the broker' },
      ),
    ).rejects.toThrow(/waiting for the broker: broker not reachable/);
  });

  it('stops at once when onPending throws, e.g. because the process died', async () => {
    let checks = 0;
    await expect(
      waitFor(() => (checks++, false), {
        timeoutMs: 10_000,
        intervalMs: 1,
        onPending: () => {
          throw new Error('kafka-2 exited');
        },
      }),
    ).rejects.toThrow('kafka-2 exited');
    expect(checks).toBe(1);
  });
});
