/**
 * The owner of a statement, from the owners list (the statement carries only the id). Undefined
 * while loading or when the owner is not among the active owners; the page then shows the id.
 */
import { useEffect, useState } from 'react';
import type { Owner } from '../api.js';
import { loadOwners } from './useOwners.js';

export function useOwner(ownerId: string | null): Owner | undefined {
  const [owner, setOwner] = useState<Owner | undefined>(undefined);
  useEffect(() => {
    setOwner(undefined);
    if (ownerId === null) return;
    let stale = false;
    loadOwners()
      .then((owners) => {
        if (!stale) setOwner(owners.find((o) => o.id === ownerId));
      })
      .catch(() => undefined); // The name only decorates the header; the id still shows.
    return () => {
      stale = true;
    };
  }, [ownerId]);
  return owner;
}
