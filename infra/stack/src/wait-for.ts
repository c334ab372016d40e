export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Describes what is awaited, for the timeout error. */
  readonly what?: string;
  /** Called after every unsuccessful check, e.g. to fail fast when a process died. */
  readonly onPending?: () => void | Promise<void>;
}

/**
 * Polls `check` until it returns a value other than false, null or undefined, or throws once the time is up.
 * A check that throws counts as "not yet"; its last error is reported on timeout.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: WaitOptions,
): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 500;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false && result !== undefined && result !== null)
        return result as Exclude<T, false | undefined | null>;
    } catch (error) {
      lastError = error;
    }
    await options.onPending?.();
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(
        `Timed out after ${options.timeoutMs / 1000}s waiting for ${options.what ?? 'a condition'}${reason}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
