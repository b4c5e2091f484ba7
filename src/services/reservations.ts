/**
 * Turns Hostify reservations into the statement calculator's reservations: attributed to their
 * property (child listings count for their parent, DESIGN.md §4) and with Hostify's money fields
 * mapped to the statement's columns (§5).
 */
import { splitGuestPaid } from '../domain/guest-fees.js';
import type { Reservation } from '../domain/types.js';
import type { HostifyReservation, InvalidReservation } from '../hostify/types.js';

/** What the catalog knows to attribute a reservation: its properties and child listings. */
export interface ListingIndex {
  /** Top-level listings (properties) of the catalog. */
  properties: ReadonlySet<string>;
  /** Known child listing → its property. */
  children: ReadonlyMap<string, string>;
}

/**
 * The property a reservation belongs to, or null when the catalog cannot tell yet: a
 * `parent_listing_id` names it; else its listing is a property or a known child.
 */
export function propertyOfReservation(
  r: { listingId: string | null; parentListingId: string | null },
  index: ListingIndex,
): string | null {
  if (r.parentListingId !== null) {
    if (index.properties.has(r.parentListingId)) return r.parentListingId;
    // A parent id that is itself a child (rare, seen on re-parented listings): follow it.
    return parentProperty(r.parentListingId, index);
  }
  if (r.listingId === null) return null;
  if (index.properties.has(r.listingId)) return r.listingId;
  return parentProperty(r.listingId, index);
}

/**
 * The property a known child belongs to, only when that parent is a property of the catalog: a
 * child of an inactive or unserviced parent belongs to no statement, and its reservations must be
 * reported as unattributed rather than filed under an id no work item reads.
 */
function parentProperty(childId: string, index: ListingIndex): string | null {
  const parent = index.children.get(childId);
  return parent !== undefined && index.properties.has(parent) ? parent : null;
}

/** Listing ids the index does not know (to look up once each with `GET /listings/{id}`). */
export function unknownListingIds(
  records: ReadonlyArray<{ listingId: string | null; parentListingId: string | null }>,
  index: ListingIndex,
): string[] {
  const out = new Set<string>();
  for (const r of records) {
    if (propertyOfReservation(r, index) !== null) continue;
    const id = r.parentListingId ?? r.listingId;
    if (id !== null) out.add(id);
  }
  return [...out];
}

export function toDomainReservation(r: HostifyReservation, propertyId: string): Reservation {
  const { accommodation, cleaning, otherFees } = splitGuestPaid({
    basePrice: r.basePrice,
    cleaningFee: r.cleaningFee,
    extrasPrice: r.extrasPrice,
    subtotal: r.subtotal,
  });
  return {
    id: r.id,
    propertyId,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    status: r.status,
    source: r.source,
    // Empty = the listing's currency (the generator fills it in, §4).
    currency: r.currency ?? '',
    guestName: r.guestName,
    accommodation,
    cleaning,
    otherFees,
    taxes: r.taxAmount,
    channelFees: r.channelCommission + r.transactionFee,
    payout: r.payoutPrice,
    subtotal: r.subtotal,
  };
}

/** A malformed record as its property's error text: names the reservation and the field (§4). */
export function describeInvalidReservation(r: InvalidReservation): string {
  return `reservation ${r.id ?? '(without id)'}: ${r.field}: ${r.message}`;
}

/** A reservation that belongs to no known property (job result and log, never dropped silently). */
export interface UnattributedReservation {
  reservationId: string | null;
  listingId: string | null;
  message: string;
}

export interface Attributed {
  byProperty: Map<string, Reservation[]>;
  /** property id → its malformed records' messages. */
  invalidByProperty: Map<string, string[]>;
  unattributed: UnattributedReservation[];
}

/** Attributes every reservation (and malformed record) of a fetch to its property. */
export function attributeReservations(
  reservations: readonly HostifyReservation[],
  invalid: readonly InvalidReservation[],
  index: ListingIndex,
): Attributed {
  const byProperty = new Map<string, Reservation[]>();
  const invalidByProperty = new Map<string, string[]>();
  const unattributed: UnattributedReservation[] = [];
  for (const r of reservations) {
    const propertyId = propertyOfReservation(r, index);
    if (propertyId === null) {
      unattributed.push({
        reservationId: r.id,
        listingId: r.listingId,
        message: `reservation ${r.id} on listing ${r.listingId}${r.parentListingId ? ` (parent ${r.parentListingId})` : ''} belongs to no known property; check the listing in Hostify`,
      });
      continue;
    }
    const list = byProperty.get(propertyId);
    const domain = toDomainReservation(r, propertyId);
    if (list) list.push(domain);
    else byProperty.set(propertyId, [domain]);
  }
  for (const bad of invalid) {
    const propertyId = propertyOfReservation(bad, index);
    const message = describeInvalidReservation(bad);
    if (propertyId === null) {
      unattributed.push({
        reservationId: bad.id,
        listingId: bad.listingId,
        message: `${message}; and it belongs to no known property`,
      });
      continue;
    }
    const list = invalidByProperty.get(propertyId);
    if (list) list.push(message);
    else invalidByProperty.set(propertyId, [message]);
  }
  return { byProperty, invalidByProperty, unattributed };
}
