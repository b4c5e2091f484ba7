import { Spinner } from './Spinner.js';

/**
 * A page's "loading…" and "could not load" lines, worded the same on every page. With `onRetry`
 * the error offers Try again (lists that re-read in place).
 */
export function LoadState({
  loading,
  error,
  what,
  onRetry,
}: {
  loading: boolean;
  error: string | null;
  /** What is loaded, as the sentences say it: "users", "the schedule". */
  what: string;
  onRetry?: () => void;
}) {
  return (
    <>
      {loading ? (
        <p>
          <Spinner label={`Loading ${what}...`} />
        </p>
      ) : null}
      {error ? (
        <div role="alert" className="form-error">
          <p>
            Could not load {what}: {error}
          </p>
          {onRetry ? (
            <button type="button" className="button-small" onClick={onRetry}>
              Try again
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
