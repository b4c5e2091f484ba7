/**
 * The active owners, sorted and named for the pickers: the dashboard, the Generate modal, the
 * properties and job pages all need them. The list is the one cached owners query (queries.ts),
 * so every page shares a single read.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Owner } from '../api.js';
import { ownersQuery } from '../queries.js';
import { ownerNameMap, sortOwners } from './pickerOptions.js';

export interface OwnersState {
  /** In natural order of name, then e-mail. */
  owners: Owner[];
  loading: boolean;
  error: string | null;
  /** The owner's name (with the e-mail when another owner has the same name); the id if unknown. */
  nameOf: (ownerId: string | null | undefined) => string;
}

export function useOwners(): OwnersState {
  const { data, isPending, error } = useQuery(ownersQuery());
  return useMemo(() => {
    const owners = sortOwners(data?.owners ?? []);
    const names = ownerNameMap(owners);
    return {
      owners,
      loading: isPending,
      error: error ? error.message : null,
      nameOf: (ownerId) => (ownerId ? (names.get(ownerId) ?? ownerId) : '—'),
    };
  }, [data, isPending, error]);
}
