/**
 * The reservation query: the `filters` we send to Hostify, and the same rule applied locally.
 * Hostify's server-side filters are a hint, not a guarantee (DESIGN.md §4), so every record that
 * comes back is checked again here.
 */
import type { HostifyReservation, ReservationQuery } from './types.js';

export interface HostifyFilter {
  field: string;
  operator: '=' | '<>' | '<' | '>' | '<=' | '>=' | 'in' | 'between';
  value: unknown;
}

/** Listing ids per request: keeps the URL well under the 8 KB many proxies accept. */
export const LISTING_IDS_PER_REQUEST = 100;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function assertValidQuery(query: ReservationQuery): void {
  if (!ISO_DATE.test(query.from) || !ISO_DATE.test(query.to)) {
    throw new RangeError(`reservation query dates must be YYYY-MM-DD, got ${query.from}..${query.to}`);
  }
  if (query.from > query.to)
    throw new RangeError(`reservation query from ${query.from} is after to ${query.to}`);
}

/** checkIn ≤ to and checkOut ≥ from, plus `listing_id in [...]` for one chunk of ids. */
export function reservationFilters(query: ReservationQuery, listingIds?: readonly string[]): HostifyFilter[] {
  const filters: HostifyFilter[] = [
    { field: 'checkIn', operator: '<=', value: query.to },
    { field: 'checkOut', operator: '>=', value: query.from },
  ];
  if (listingIds !== undefined) {
    // Hostify's ids are numbers; send numeric ids as numbers so a typed comparison matches.
    const values = listingIds.map((id) => (/^\d{1,15}$/.test(id) ? Number(id) : id));
    filters.push({ field: 'listing_id', operator: 'in', value: values });
  }
  return filters;
}

/** The local twin of `reservationFilters`; listing ids match the listing or its parent. */
export function matchesQuery(query: ReservationQuery, wanted: ReadonlySet<string> | null) {
  return (r: HostifyReservation): boolean =>
    r.checkIn <= query.to &&
    r.checkOut >= query.from &&
    (wanted === null ||
      wanted.has(r.listingId) ||
      (r.parentListingId !== null && wanted.has(r.parentListingId)));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
