/**
 * The busy/error bookkeeping every form and action button needs: `run` marks busy, clears the
 * previous error, and shows the server's message if the action throws.
 */
import { useCallback, useState } from 'react';
import { errorMessage } from './api.js';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
