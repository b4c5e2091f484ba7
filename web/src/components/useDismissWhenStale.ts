/**
 * Notices and finished job lines do not follow the user to other pages: once something has been
 * on screen for a moment (`since`), moving to another page dismisses it. The moment's grace keeps
 * a notice that an action raises just before it navigates ("Draft deleted", then the list).
 * Only the path counts: changing a list's filters (the query string) is not another page.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLocation } from 'wouter';

export const STALE_AFTER_MS = 1000;

/** `since`: when it became stale-able (shown, or its job ended); null while it is not (a running job). */
export function useDismissWhenStale(since: number | null, dismiss: () => void): void {
  const [location] = useLocation();
  const seen = useRef(location);
  const latest = useRef({ since, dismiss });
  useLayoutEffect(() => {
    latest.current = { since, dismiss };
  });
  useEffect(() => {
    if (seen.current === location) return;
    seen.current = location;
    const current = latest.current;
    if (current.since !== null && Date.now() - current.since >= STALE_AFTER_MS) current.dismiss();
  }, [location]);
}
