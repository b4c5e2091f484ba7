/**
 * Loads data with a loader (wrap it in useCallback: a new loader means new data), tracking
 * loading and error states. Only the latest request may set state, so a slow answer to an old
 * request never overwrites a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './api.js';

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

export function useApi<T>(loader: () => Promise<T>) {
  const [state, setState] = useState<ApiState<T>>({ data: null, error: null, loading: true });
  const latest = useRef(0);

  /** `silent` keeps the current data on screen while re-reading (no spinner, no flash). */
  const run = useCallback(
    async (silent: boolean) => {
      const request = ++latest.current;
      if (!silent) setState({ data: null, error: null, loading: true });
      try {
        const data = await loader();
        if (request === latest.current) setState({ data, error: null, loading: false });
      } catch (error) {
        if (request === latest.current) {
          setState((s) => ({ data: silent ? s.data : null, error: errorMessage(error), loading: false }));
        }
      }
    },
    [loader],
  );

  useEffect(() => {
    void run(false);
  }, [run]);

  const reload = useCallback(() => run(true), [run]);
  const setData = useCallback((data: T) => setState({ data, error: null, loading: false }), []);
  return { ...state, reload, setData };
}
