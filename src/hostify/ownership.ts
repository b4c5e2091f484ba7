/**
 * Pure rules that turn Hostify's users and listings into owners and properties (DESIGN.md §4).
 */
import type { HostifyListing, HostifyReservation, HostifyUser } from './types.js';

/**
 * Parses `HOSTIFY_OWNER_ROLES` (comma-separated role names) into the list `isOwner` compares
 * with; unset or blank → null (the default rule).
 */
export function parseOwnerRoles(text: string | undefined | null): string[] | null {
  if (text === undefined || text === null) return null;
  const roles = text
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter((r) => r !== '');
  return roles.length === 0 ? null : roles;
}

const OWNER_WORD = /\bowner\b/i;

/**
 * An owner is an active user with a role containing the word "owner" in any letter case. The
 * reference (Users > Assign role) documents the role "Listing Owner"; accounts also show
 * "Standard Listing Owner", "Standard Owner" and "Owner". `ownerRoles` (HOSTIFY_OWNER_ROLES,
 * lower-cased) replaces the rule with an exact list of role names, compared trimmed and in any case.
 */
export function isOwner(user: HostifyUser, ownerRoles: readonly string[] | null = null): boolean {
  if (!user.isActive) return false;
  if (ownerRoles !== null) {
    const wanted = new Set(ownerRoles.map((r) => r.trim().toLowerCase()));
    return user.roles.some((role) => wanted.has(role.trim().toLowerCase()));
  }
  return user.roles.some((role) => OWNER_WORD.test(role));
}

/** listing id → its parent's id (null for a top-level listing), for `propertyIdOf`. */
export function listingParentsOf(listings: readonly HostifyListing[]): Map<string, string | null> {
  return new Map(listings.map((l) => [l.id, l.parentId]));
}

/**
 * The property (top-level listing) a reservation belongs to: the `parent_listing_id` Hostify sent;
 * else, if its listing is a known child channel listing, that listing's parent; else its own listing.
 */
export function propertyIdOf(
  reservation: Pick<HostifyReservation, 'listingId' | 'parentListingId'>,
  listingParents: ReadonlyMap<string, string | null>,
): string {
  if (reservation.parentListingId !== null) return reservation.parentListingId;
  return listingParents.get(reservation.listingId) ?? reservation.listingId;
}
