/**
 * The active owners, read once and shared: the dashboard, the Generate modal, the properties and
 * job pages all need them, and the list changes only when the catalog is synced from Hostify. A
 * read is reused for a minute (a failed one is not kept). Loaded through useApi, like every page's
 * data, so it moves to the shared query layer with them.
 */
import { useCallback, useMemo } from 'react';
import { api, type Owner } from '../api.js';
import { useApi } from '../useApi.js';
import { ownerNameMap, sortOwners } from './pickerOptions.js';

const FRESH_MS = 60_000;
let cache: { at: number; owners: Promise<Owner[]> } | null = null;

/** The owners, from the cache while it is fresh. */
export function loadOwners(): Promise<Owner[]> {
  if (cache && Date.now() - cache.at < FRESH_MS) return cache.owners;
  const owners = api.owners().then((r) => r.owners);
  const entry = { at: Date.now(), owners };
  cache = entry;
  owners.catch(() => {
    if (cache === entry) cache = null;
  });
  return owners;
}

/** Drops the cached owners (tests; after a catalog sync). */
export function forgetOwners(): void {
  cache = null;
}

export interface OwnersState {
  /** In natural order of name, then e-mail. */
  owners: Owner[];
  loading: boolean;
  error: string | null;
  /** The owner's name (with the e-mail when another owner has the same name); the id if unknown. */
  nameOf: (ownerId: string | null | undefined) => string;
}

export function useOwners(): OwnersState {
  const loader = useCallback(() => loadOwners(), []);
  const { data, loading, error } = useApi(loader);
  return useMemo(() => {
    const owners = sortOwners(data ?? []);
    const names = ownerNameMap(owners);
    return {
      owners,
      loading,
      error,
      nameOf: (ownerId) => (ownerId ? (names.get(ownerId) ?? ownerId) : '—'),
    };
  }, [data, loading, error]);
}
