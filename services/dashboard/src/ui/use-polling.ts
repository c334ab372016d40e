/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson } from './api';

/** GETs `path` now and every `everyMs`; a 401 (the token expired) goes to `onUnauthorized`. */
export function usePolling<T>(path: string, everyMs: number, onUnauthorized: () => void): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = await getJson<T>(path);
        if (!stopped) setValue(next);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return onUnauthorized();
        // the dashboard itself restarting: keep the last picture and ask again
      }
      if (!stopped) timer = setTimeout(() => void tick(), everyMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [path, everyMs]);
  return value;
}
