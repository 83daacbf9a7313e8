import { useCallback, useRef, useState } from 'react';

export interface CoreCalls {
  /** Whether a call started by `run` is still in flight. */
  busy: boolean;
  /** The core's message (already in the manager's language) of the last failed call; cleared when the next starts. */
  error: string | null;
  setError: (message: string | null) => void;
  /**
   * Runs calls to the core: the error is cleared, busy is set, and a failure becomes
   * `error` instead of an unhandled rejection. Resolves to the result, or undefined when
   * it failed.
   */
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
}

/** One way for a view to call the core, instead of a try/catch with setError in each view. */
export function useCore(): CoreCalls {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Overlapping runs (a refresh while a search is out) keep busy until the last one ends.
  const inFlight = useRef(0);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    inFlight.current++;
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      if (--inFlight.current === 0) setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
