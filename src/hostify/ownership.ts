/**
 * Pure rules that tell which Hostify users are owners (DESIGN.md §4). Reservations are attributed to
 * their property in src/services/reservations.ts.
 */
import type { HostifyUser } from './types.js';

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
