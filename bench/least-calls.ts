/**
 * The least Hostify calls a Generate All job can make for a data set (DESIGN.md §4, §7): the
 * users' pages (the server answers at most USERS_MAX_PER_PAGE a page) + the parent listings'
 * pages + the period's reservation pages (100 a page) + one GET /listings/{id} per child listing
 * the catalog has not seen yet. The start-up sync has already looked up the children named in
 * owners' listings, so the job looks up only children met in reservations without a
 * parent_listing_id that no owner lists.
 */
import { USERS_MAX_PER_PAGE } from '../src/hostify-sim/collections.js';
import { generateSimData, type SimDataOptions } from '../src/hostify-sim/generate.js';

export interface LeastCalls {
  usersPages: number;
  listingsPages: number;
  reservationPages: number;
  childLookups: number;
  total: number;
}

export function leastCallsFor(options: SimDataOptions, period: { start: string; end: string }): LeastCalls {
  const { data } = generateSimData(options);
  const none = (v: unknown) => v === null || v === undefined || v === 0 || v === '0' || v === '';
  const parents = data.listings.filter((l) => none(l.parent_id));
  const children = new Set(data.listings.filter((l) => !none(l.parent_id)).map((l) => String(l.id)));
  const inPeriod = data.reservations.filter((r) => r.checkIn <= period.end && r.checkOut >= period.start);
  const listedByOwners = new Set(data.users.flatMap((u) => u.listings.map((l) => String(l.id))));
  const lookups = new Set(
    inPeriod
      .filter((r) => none(r.parent_listing_id) && children.has(String(r.listing_id)))
      .map((r) => String(r.listing_id))
      .filter((id) => !listedByOwners.has(id)),
  );
  const usersPages = Math.max(1, Math.ceil(data.users.length / USERS_MAX_PER_PAGE));
  const listingsPages = Math.max(1, Math.ceil(parents.length / 100));
  const reservationPages = Math.max(1, Math.ceil(inPeriod.length / 100));
  return {
    usersPages,
    listingsPages,
    reservationPages,
    childLookups: lookups.size,
    total: usersPages + listingsPages + reservationPages + lookups.size,
  };
}
