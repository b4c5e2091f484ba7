/**
 * The dashboard's filters (the period among them) and sorting, read from and written to the URL
 * (`/?periodStart=2025-10-01&periodEnd=2025-10-31&status=draft&sort=-netPayout`), so a reload or
 * a shared link shows the same list. Values that are not valid are ignored, never sent on.
 */
import { useCallback, useMemo } from 'react';
import type { StatementStatus } from '../api.js';
import { type ParamChanges, useUrlParams } from '../urlState.js';

export interface Filters {
  periodStart: string;
  periodEnd: string;
  ownerId: string;
  propertyId: string;
  status: '' | StatementStatus;
}
export const NO_FILTERS: Filters = {
  periodStart: '',
  periodEnd: '',
  ownerId: '',
  propertyId: '',
  status: '',
};
const FILTER_KEYS = Object.keys(NO_FILTERS) as Array<keyof Filters>;

export type SortKey = 'period' | 'property' | 'owner' | 'status' | 'netPayout';
export interface Sort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}
const SORT_KEYS: readonly SortKey[] = ['period', 'property', 'owner', 'status', 'netPayout'];
const STATUSES: readonly string[] = ['draft', 'final', 'sent'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Hostify ids as the API takes them. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function filtersFrom(params: URLSearchParams): Filters {
  const get = (key: keyof Filters, valid: (v: string) => boolean) => {
    const v = params.get(key) ?? '';
    return valid(v) ? v : '';
  };
  return {
    periodStart: get('periodStart', (v) => ISO_DATE.test(v)),
    periodEnd: get('periodEnd', (v) => ISO_DATE.test(v)),
    ownerId: get('ownerId', (v) => ID.test(v)),
    propertyId: get('propertyId', (v) => ID.test(v)),
    status: get('status', (v) => STATUSES.includes(v)) as Filters['status'],
  };
}

/** `sort=netPayout` ascending, `sort=-netPayout` descending. */
export function sortFrom(params: URLSearchParams): Sort | null {
  const raw = params.get('sort') ?? '';
  const descending = raw.startsWith('-');
  const key = (descending ? raw.slice(1) : raw) as SortKey;
  return SORT_KEYS.includes(key) ? { key, direction: descending ? 'descending' : 'ascending' } : null;
}

export const sortParam = (sort: Sort | null): string | null =>
  sort ? `${sort.direction === 'descending' ? '-' : ''}${sort.key}` : null;

type Update<T> = T | ((current: T) => T);
const apply = <T>(update: Update<T>, current: T): T =>
  typeof update === 'function' ? (update as (c: T) => T)(current) : update;

/** The dashboard's list state, with setters shaped like useState's (a value or an updater). */
export function useDashboardUrlState() {
  const [params, update] = useUrlParams();
  // Kept by value: a new sort (another URL) must not look like new filters, which reload the list.
  const parsed = filtersFrom(params);
  const { periodStart, periodEnd, ownerId, propertyId, status } = parsed;
  const filters = useMemo<Filters>(
    () => ({ periodStart, periodEnd, ownerId, propertyId, status }),
    [periodStart, periodEnd, ownerId, propertyId, status],
  );
  const parsedSort = sortFrom(params);
  const sortKey = parsedSort?.key;
  const sortDirection = parsedSort?.direction;
  const sort = useMemo<Sort | null>(
    () => (sortKey && sortDirection ? { key: sortKey, direction: sortDirection } : null),
    [sortKey, sortDirection],
  );

  const setFilters = useCallback(
    (next: Update<Filters>) =>
      update((current) => {
        const value = apply(next, filtersFrom(current));
        return Object.fromEntries(FILTER_KEYS.map((k) => [k, value[k]])) as ParamChanges;
      }),
    [update],
  );
  const setSort = useCallback(
    (next: Update<Sort | null>) => update((current) => ({ sort: sortParam(apply(next, sortFrom(current))) })),
    [update],
  );
  return { filters, setFilters, sort, setSort };
}
