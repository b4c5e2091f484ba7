/**
 * Turns Hostify reservations into the statement engine's reservations: attributed to their
 * property (child listings count for their parent) and with Hostify's money fields mapped to the
 * statement's columns (DESIGN.md §5).
 */
import type { Reservation } from '../domain/types.js';
import { propertyIdOf } from '../hostify/index.js';
import type { HostifyReservation } from '../hostify/types.js';

export function toDomainReservation(
  r: HostifyReservation,
  listingParents: ReadonlyMap<string, string | null>,
): Reservation {
  return {
    id: r.id,
    propertyId: propertyIdOf(r, listingParents as Map<string, string | null>),
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    status: r.status,
    source: r.source,
    currency: r.currency,
    guestName: r.guestName,
    accommodation: r.basePrice,
    cleaning: r.cleaningFee,
    otherFees: r.extrasPrice,
    taxes: r.taxAmount,
    channelFees: r.channelCommission + r.transactionFee,
  };
}

/** Groups reservations by property id. */
export function groupByProperty(reservations: readonly Reservation[]): Map<string, Reservation[]> {
  const groups = new Map<string, Reservation[]>();
  for (const r of reservations) {
    const list = groups.get(r.propertyId);
    if (list) list.push(r);
    else groups.set(r.propertyId, [r]);
  }
  return groups;
}
