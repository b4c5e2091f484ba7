/**
 * Pure rules that turn Hostify's users and listings into owners and properties (DESIGN.md §4).
 */
import type { HostifyListing, HostifyReservation, HostifyUser } from './types.js';

/** An owner is an active user one of whose roles is "owner", in any letter case. */
export function isOwner(user: HostifyUser): boolean {
  return user.isActive && user.roles.some((role) => role.trim().toLowerCase() === 'owner');
}

/** listing id → its parent's id (null for a top-level listing), for `propertyIdOf`. */
export function listingParentsOf(listings: readonly HostifyListing[]): Map<string, string | null> {
  return new Map(listings.map((l) => [l.id, l.parentId]));
}

/**
 * The property (top-level listing) a reservation belongs to: the `parent_listing_id` Hostify sent;
 * else, if its listing is a child channel listing, that listing's parent; else its own listing.
 */
export function propertyIdOf(
  reservation: Pick<HostifyReservation, 'listingId' | 'parentListingId'>,
  listingParents: ReadonlyMap<string, string | null>,
): string {
  if (reservation.parentListingId !== null) return reservation.parentListingId;
  return listingParents.get(reservation.listingId) ?? reservation.listingId;
}
