/**
 * List state kept in the URL's query (issue 15 §10): filters, sorting and the period survive a
 * reload and travel with a shared link. Through wouter's search-param API, so the routing stays
 * the app's one source of location. Changes replace the history entry: typing a date or picking
 * a filter does not make Back step through every keystroke.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'wouter';

export type ParamChanges = Record<string, string | null | undefined>;

/** `params` with `changes` applied: an empty or missing value removes the parameter. */
export function withParams(params: URLSearchParams, changes: ParamChanges): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, value);
  }
  return next;
}

/**
 * The query's parameters and a setter that merges changes into them. The setter takes the
 * changes, or a function of the current parameters (so several calls in one event compose).
 */
export function useUrlParams(): [
  URLSearchParams,
  (changes: ParamChanges | ((current: URLSearchParams) => ParamChanges)) => void,
] {
  const [params, setSearchParams] = useSearchParams();
  const update = useCallback(
    (changes: ParamChanges | ((current: URLSearchParams) => ParamChanges)) =>
      setSearchParams(
        (current) => withParams(current, typeof changes === 'function' ? changes(current) : changes),
        { replace: true },
      ),
    [setSearchParams],
  );
  return [params, update];
}

/** One parameter restricted to `allowed` values ('' when missing or not one of them). */
export function useUrlChoice<T extends string>(
  name: string,
  allowed: readonly T[],
): ['' | T, (value: '' | T) => void] {
  const [params, update] = useUrlParams();
  const raw = params.get(name) ?? '';
  const value = useMemo(
    () => ((allowed as readonly string[]).includes(raw) ? (raw as T) : ''),
    [allowed, raw],
  );
  const set = useCallback((next: '' | T) => update({ [name]: next }), [name, update]);
  return [value, set];
}
