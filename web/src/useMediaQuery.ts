/**
 * Whether a CSS media query matches, re-rendering when it starts or stops matching. Pages render
 * one layout (a table, or a card list on phones) rather than both hidden by CSS, so each row is in
 * the document once. Without matchMedia (jsdom) nothing matches: the wide layout.
 */
import { useCallback, useSyncExternalStore } from 'react';

/** The phone layout's width; styles.css's phone rules use the same. */
export const PHONE_QUERY = '(max-width: 600px)';

const hasMatchMedia = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function';

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!hasMatchMedia()) return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => hasMatchMedia() && window.matchMedia(query).matches,
    () => false,
  );
}

export const usePhoneLayout = () => useMediaQuery(PHONE_QUERY);
