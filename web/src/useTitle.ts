import { useEffect } from 'react';

/** Sets the tab title, so screen-reader users and tab lists tell the pages apart. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Owner Statements` : 'Owner Statements';
  }, [title]);
}
