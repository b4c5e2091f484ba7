/**
 * The reservation query: the `filters` we send to Hostify, and the same rule applied locally.
 *
 * Reference (Reservations > List reservations): the filter fields are guest_id, checkIn, checkOut,
 * source, status, payout_price, confirmation_code, nights, advance_days, guests,
 * hostify_checkin_form_completed — `listing_id` is not one of them, and the `listing_id` query
 * parameter returns direct matches only (never a child listing's reservations). So reservations
 * are fetched by dates only and listings are picked locally (DESIGN.md §4). Operators `in`,
 * `not_in`, `between`, `not_between` would take a comma-separated string of at least two values
 * (reference, Introduction > Filter object); the date filters need none of them.
 */
import type { HostifyReservation, ReservationQuery } from './types.js';

export type HostifyOperator =
  | '='
  | '<>'
  | '<'
  | '>'
  | '<='
  | '>='
  | 'in'
  | 'not_in'
  | 'between'
  | 'not_between';

export interface HostifyFilter {
  field: string;
  operator: HostifyOperator;
  value: string | number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function assertValidQuery(query: ReservationQuery): void {
  if (!ISO_DATE.test(query.from) || !ISO_DATE.test(query.to)) {
    throw new RangeError(`reservation query dates must be YYYY-MM-DD, got ${query.from}..${query.to}`);
  }
  if (query.from > query.to)
    throw new RangeError(`reservation query from ${query.from} is after to ${query.to}`);
}

/** checkIn ≤ to and checkOut ≥ from: dates only. */
export function reservationFilters(query: ReservationQuery): HostifyFilter[] {
  return [
    { field: 'checkIn', operator: '<=', value: query.to },
    { field: 'checkOut', operator: '>=', value: query.from },
  ];
}

/** The local twin of `reservationFilters`, plus the listing pick (listing or parent listing). */
export function matchesQuery(query: ReservationQuery, wanted: ReadonlySet<string> | null) {
  return (r: Pick<HostifyReservation, 'checkIn' | 'checkOut' | 'listingId' | 'parentListingId'>): boolean =>
    r.checkIn <= query.to &&
    r.checkOut >= query.from &&
    (wanted === null ||
      wanted.has(r.listingId) ||
      (r.parentListingId !== null && wanted.has(r.parentListingId)));
}
